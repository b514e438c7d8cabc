namespace MlNetFaces;

/// <summary>What runs the pretrained face nets (detectors, landmarks, recognition). Both give the same outputs within 1e-4.</summary>
public enum InferenceEngine
{
    /// <summary>ONNX Runtime on the CPU, TorchSharp on any other device.</summary>
    Default,

    /// <summary>
    /// ONNX Runtime (CPU): the nets are exported to ONNX once into the model store's <c>onnx</c> folder, after which
    /// a process that only infers never loads libtorch.
    /// </summary>
    OnnxRuntime,

    /// <summary>TorchSharp (libtorch), on the CPU or a CUDA device.</summary>
    TorchSharp,
}

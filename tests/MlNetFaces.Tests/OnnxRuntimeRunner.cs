using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>Runs a single-input, single-output ONNX model with ONNX Runtime on TorchSharp tensors.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The output of <paramref name="session"/> for the float tensor <paramref name="input"/>, as a tensor.</summary>
    public static Tensor Run(InferenceSession session, Tensor input)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input.contiguous().data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputNames.Single()], [value], [session.OutputNames.Single()]);
        var result = results.Single();
        return tensor(result.GetTensorDataAsSpan<float>().ToArray(), result.GetTensorTypeAndShape().Shape);
    }

    /// <summary>The output of a serialized single-input, single-output model for <paramref name="input"/>.</summary>
    public static Tensor Run(byte[] model, Tensor input)
    {
        using var session = new InferenceSession(model);
        return Run(session, input);
    }

    /// <summary>The largest absolute difference between two tensors of the same shape.</summary>
    public static float MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }
}

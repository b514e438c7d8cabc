using Microsoft.ML.OnnxRuntime;

namespace MlNetFaces.Inference;

/// <summary>A face net exported to ONNX, run by ONNX Runtime on the CPU (one session, safe to share between threads).</summary>
internal sealed class OnnxFaceNetRunner : IFaceNetRunner, IDisposable
{
    private readonly InferenceSession session;
    private readonly string input;
    private readonly string[] outputs;

    static OnnxFaceNetRunner()
    {
        // A library should not report usage on its users' behalf.
        OrtEnv.Instance().DisableTelemetryEvents();
    }

    /// <summary>A session on a serialized model.</summary>
    public OnnxFaceNetRunner(byte[] model, int intraOpThreads)
        : this(options => new InferenceSession(model, options), intraOpThreads)
    {
    }

    /// <summary>A session on a model file, which ONNX Runtime reads itself, optimised once and kept (<see cref="OptimizedOnnxModel"/>).</summary>
    public OnnxFaceNetRunner(string path, int intraOpThreads)
        : this(options => OptimizedOnnxModel.Open(path, options), intraOpThreads)
    {
    }

    private OnnxFaceNetRunner(Func<SessionOptions, InferenceSession> open, int intraOpThreads)
    {
        // No memory pattern: with it the second run of SSD allocated its planned block afresh, and on this VM fresh pages
        // cost (measured: 140 ms more on that run, 40 MB more peak); the arena serves every run after the first.
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, EnableMemoryPattern = false };

        // Each net has its own intra-op pool, whose idle threads otherwise spin for a while after every run: with four
        // nets on two cores they took the CPU from the decoding, chip sampling and the next net (measured: the demo
        // photos' decode went from 18 to 42 ms while the pools spun).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        session = open(options);
        input = session.InputNames.Single();
        outputs = [.. session.OutputNames];
    }

    public float[][] Run(float[] batch, int count, int size)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.AsMemory(0, count * 3 * size * size), [count, 3, size, size]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [input], [value], outputs);
        return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
    }

    public void Dispose() => session.Dispose();
}

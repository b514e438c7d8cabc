using System.Collections.Concurrent;
using MlNetFaces.Faces;

namespace MlNetFaces.Tests;

/// <summary>Both inference engines, for parity tests that must hold on each, and their shared models and pipelines.</summary>
internal static class Engines
{
    private static readonly ConcurrentDictionary<(InferenceEngine, FaceCompatibility), FacePipeline> Pipelines = new();

    /// <summary>ONNX Runtime and TorchSharp.</summary>
    public static InferenceEngine[] All { get; } = [InferenceEngine.OnnxRuntime, InferenceEngine.TorchSharp];

    /// <summary>Theory rows: each engine.</summary>
    public static TheoryData<InferenceEngine> Each => new(All);

    /// <summary>The shared models of the test store on an engine.</summary>
    public static FaceModels Models(InferenceEngine engine) => FaceModels.Get(TestPaths.Models, "cpu", engine);

    /// <summary>A pipeline on the test store and an engine, shared by the tests of a run.</summary>
    public static FacePipeline Pipeline(InferenceEngine engine, FaceCompatibility compatibility = FaceCompatibility.Default) =>
        Pipelines.GetOrAdd((engine, compatibility), key =>
            new FacePipeline(new FacePipelineOptions { Store = TestPaths.Models, Engine = key.Item1 }.UseCompatibility(key.Item2)));
}

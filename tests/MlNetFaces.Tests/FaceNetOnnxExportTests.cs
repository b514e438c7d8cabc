using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Faces;
using MlNetFaces.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>Each detection and landmark net, exported to ONNX and run by ONNX Runtime, against its TorchSharp forward pass.</summary>
public class FaceNetOnnxExportTests(ITestOutputHelper output)
{
    private static readonly Lazy<FaceLandmark68Net> Landmarks = new(() => FaceLandmark68Net.Load(TestPaths.Models));
    private static readonly Lazy<FaceLandmark68Net> TinyLandmarks = new(() => FaceLandmark68Net.Load(TestPaths.Models, tiny: true));

    [Fact]
    public void SsdBoxesAndScoresMatchTorchSharp()
    {
        using var scope = NewDisposeScope();
        var net = Detectors.Ssd;
        using var session = new InferenceSession(net.ExportOnnx());
        var input = Batch(SsdMobilenetV1.InputSize, 2);
        var (boxes, scores) = Forward(() => net.forward(input));
        var ort = Run(session, input);
        Compare("ssd boxes", boxes, ort[0]);
        Compare("ssd scores", scores, ort[1]);
    }

    [Theory]
    [InlineData(416)]
    [InlineData(608)]
    public void TinyHeadMatchesTorchSharp(int size)
    {
        using var scope = NewDisposeScope();
        var net = Detectors.Tiny;
        var saved = net.InputSize;
        net.InputSize = size;
        using var session = new InferenceSession(net.ExportOnnx());
        net.InputSize = saved;
        var input = Batch(size, 2);
        Compare($"tiny head {size}", Forward(() => net.forward(input)), Run(session, input)[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LandmarksMatchTorchSharp(bool tiny)
    {
        using var scope = NewDisposeScope();
        var net = tiny ? TinyLandmarks.Value : Landmarks.Value;
        using var session = new InferenceSession(net.ExportOnnx());
        var input = Batch(FaceLandmark68Net.InputSize, 3);
        Compare($"landmarks tiny={tiny}", Forward(() => net.forward(input)), Run(session, input)[0]);
    }

    /// <summary>The JS reference pattern, then random images, as a batch [n,3,size,size] of values 0..255.</summary>
    private static Tensor Batch(int size, int n)
    {
        using var generator = new Generator(20261206);
        return cat([JsReference.Pattern(size, size), rand([n - 1, 3, size, size], generator: generator) * 255], 0);
    }

    private static T Forward<T>(Func<T> forward)
    {
        using (no_grad())
        {
            return forward();
        }
    }

    private static List<Tensor> Run(InferenceSession session, Tensor input)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input.contiguous().data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputNames.Single()], [value], session.OutputNames);
        return results.Select(r => tensor(r.GetTensorDataAsSpan<float>().ToArray(), r.GetTensorTypeAndShape().Shape)).ToList();
    }

    private void Compare(string what, Tensor expected, Tensor actual)
    {
        var diff = OnnxRuntimeRunner.MaxAbsDiff(expected, actual);
        output.WriteLine($"{what}: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-4, $"{what}: max abs diff {diff}");
    }
}

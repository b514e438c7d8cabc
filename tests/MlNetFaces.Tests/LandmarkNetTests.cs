using MlNetFaces.Faces;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class LandmarkNetTests(ITestOutputHelper output)
{
    private static readonly Lazy<FaceLandmark68Net> Full = new(() => FaceLandmark68Net.Load(TestPaths.Models));
    private static readonly Lazy<FaceLandmark68Net> Tiny = new(() => FaceLandmark68Net.Load(TestPaths.Models, tiny: true));

    [Theory]
    [InlineData(false, "landmark68_112_pattern", InferenceEngine.TorchSharp)]
    [InlineData(true, "landmark68tiny_112_pattern", InferenceEngine.TorchSharp)]
    [InlineData(false, "landmark68_112_pattern", InferenceEngine.OnnxRuntime)]
    [InlineData(true, "landmark68tiny_112_pattern", InferenceEngine.OnnxRuntime)]
    public void SyntheticPatternMatchesTheJsReference(bool tiny, string vector, InferenceEngine engine)
    {
        var expected = JsReference.Floats(JsReference.RawVectors.GetProperty(vector));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pattern = JsReference.Pattern(112, 112);
        var raw = engine == InferenceEngine.TorchSharp ? Net(tiny).forward(pattern) : OnnxRuntimeRunner.Run(Net(tiny).ExportOnnx(), pattern);

        Assert.Equal(new long[] { 1, 2 * FaceLandmark68Net.PointCount }, raw.shape);
        var actual = raw.data<float>().ToArray();
        var maxDiff = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        output.WriteLine($"{vector} on {engine}: max abs diff {maxDiff:E2}");
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchRowsEqualSinglePasses(bool tiny)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = JsReference.Pattern(112, 112);
        var b = 255 - a.flip(2);
        var batch = Net(tiny).forward(cat([a, b], 0));
        var single = cat([Net(tiny).forward(a), Net(tiny).forward(b)], 0);

        var maxDiff = (batch - single).abs().max().item<float>();
        output.WriteLine($"tiny={tiny} batch vs single: max abs diff {maxDiff:E2}");
        Assert.True(maxDiff <= 1e-5, $"max abs diff {maxDiff}");
        Assert.True((batch[0] - batch[1]).abs().max().item<float>() > 1e-2, "the two inputs should give different outputs");
    }

    [Fact]
    public void DecodingFollowsFaceApiPostProcessOnNonSquareCrops()
    {
        var raw = new float[136];
        raw[0] = 0.5f;
        raw[1] = 0.25f;
        raw[2] = 0.1f;
        raw[3] = 0.9f;

        // Tall crop 80×100 at (10.7, 20.3): s = 1.12, w' = 89.6, h' = 112, padX = 11.2, padY = 0.
        var tall = LandmarkDecoding.ToImagePoints(raw, 80, 100, 10.7, 20.3);
        Assert.Equal(68, tall.Length);
        AssertPoint((50.7, 45.3), tall[0]);   // x: (56 - 11.2) / 89.6 · 80 + 10.7; y: 28 / 112 · 100 + 20.3
        AssertPoint((10.7, 110.3), tall[1]);  // x: (11.2 - 11.2) / 89.6 · 80 + 10.7; y: 0.9 · 100 + 20.3
        AssertPoint((0.7, 20.3), tall[2]);    // raw (0, 0): x: -11.2 / 89.6 · 80 + 10.7 = -10 + 10.7

        // Wide crop 120×60 at (-3.5, 7.25): s = 112/120, w' = 112, h' = 56, padX = 0, padY = 28.
        var wide = LandmarkDecoding.ToImagePoints(raw, 120, 60, -3.5, 7.25);
        AssertPoint((56.5, 7.25), wide[0]);   // x: 0.5 · 120 - 3.5; y: (28 - 28) / 56 · 60 + 7.25
        AssertPoint((8.5, 85.25), wide[1]);   // x: 0.1 · 120 - 3.5; y: (100.8 - 28) / 56 · 60 + 7.25 = 78 + 7.25

        Assert.Throws<ArgumentException>(() => LandmarkDecoding.ToImagePoints(new float[10], 80, 100, 0, 0));
    }

    private static FaceLandmark68Net Net(bool tiny) => tiny ? Tiny.Value : Full.Value;

    private static void AssertPoint((double X, double Y) expected, PointD actual)
    {
        Assert.Equal(expected.X, actual.X, tolerance: 1e-4);
        Assert.Equal(expected.Y, actual.Y, tolerance: 1e-4);
    }
}

using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class TinyFaceDetectorTests(ITestOutputHelper output)
{
    private static readonly Lazy<TinyFaceDetector> Model = new(() =>
    {
        TorchRuntime.EnsureLoaded();
        return TinyFaceDetector.Load(TestPaths.Models);
    });

    [Fact]
    public void RawHeadOnThePatternMatchesTheReference()
    {
        var reference = JsReference.RawVectors.GetProperty("tinyface_416_pattern");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var head = Model.Value.forward(JsReference.Pattern(416, 416));

        Assert.Equal([1L, 25, 13, 13], head.shape);
        var nhwc = head.permute(0, 2, 3, 1).contiguous();
        Assert.Equal(reference.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(), nhwc.shape);

        // The independent plain-JS port already drifts 1.4e-5 from tfjs here (FACEAPI_ARCH.md section 9).
        var diff = DetectionAssert.AllClose(JsReference.Floats(reference.GetProperty("first16")), nhwc.flatten()[..16].data<float>().ToArray(), 1e-4);
        var sum = nhwc.to(float64).sum().item<double>();
        var absSum = nhwc.to(float64).abs().sum().item<double>();
        var expectedSum = reference.GetProperty("sum").GetDouble();
        var expectedAbsSum = reference.GetProperty("absSum").GetDouble();
        Assert.Equal(expectedSum, sum, Math.Abs(expectedSum) * 1e-5);
        Assert.Equal(expectedAbsSum, absSum, expectedAbsSum * 1e-5);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first16 max diff {diff:E2}, sum {sum:F4} ({expectedSum}), absSum {absSum:F4} ({expectedAbsSum})"));
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void FindsTheReferenceFacesOfDemoImage(int sample)
    {
        var image = ImageDecoder.Load(JsReference.DecodedDemoImage(sample));
        var expected = JsReference.Root.GetProperty("images")[sample - 1].GetProperty("tiny_detections");

        DetectionAssert.MatchesReference(expected, Model.Value.Detect(image), minIoU: 0.999, scoreTolerance: 1e-4, output);
    }

    [SkippableFact]
    public void BatchDetectionMatchesTheReference()
    {
        var images = new List<RgbImage> { ImageDecoder.Load(JsReference.DecodedDemoImage(2)), ImageDecoder.Load(JsReference.DecodedDemoImage(4)) };

        var found = Model.Value.Detect(images);

        Assert.Equal(2, found.Count);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[1].GetProperty("tiny_detections"), found[0], 0.999, 1e-4, output);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[3].GetProperty("tiny_detections"), found[1], 0.999, 1e-4, output);
    }

    [Fact]
    public void UniformGreyImageHasNoFaces()
    {
        var grey = new RgbImage(640, 480, Enumerable.Repeat((byte)128, 640 * 480 * 3).ToArray());

        Assert.Empty(Model.Value.Detect(grey));
    }
}

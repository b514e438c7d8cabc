using System.Globalization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>The Tiny Face Detector's raw head on the reference pattern; its detections are checked in <see cref="DetectorParityTests"/>.</summary>
public class TinyFaceDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void RawHeadOnThePatternMatchesTheReference()
    {
        var reference = JsReference.RawVectors.GetProperty("tinyface_416_pattern");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var head = Detectors.Tiny.forward(JsReference.Pattern(416, 416));

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
}

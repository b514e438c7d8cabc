using System.Globalization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>SSD MobileNet v1's raw boxes and scores on the reference pattern; its detections are checked in <see cref="DetectorParityTests"/>.</summary>
public class SsdMobilenetV1Tests(ITestOutputHelper output)
{
    [Fact]
    public void RawOutputOnThePatternMatchesTheReference()
    {
        var reference = JsReference.RawVectors.GetProperty("ssd_512_pattern");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (boxes, scores) = Detectors.Ssd.forward(JsReference.Pattern(512, 512));

        Assert.Equal([1L, 5118, 4], boxes.shape);
        Assert.Equal([1L, 5118], scores.shape);
        Assert.Equal([5118L, 4], reference.GetProperty("boxes_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());

        // boxes_first8: the first two decoded boxes (ymin, xmin, ymax, xmax) of image 0, flattened.
        var scoreDiff = DetectionAssert.AllClose(JsReference.Floats(reference.GetProperty("scores_first8")), scores[0, ..8].data<float>().ToArray(), 1e-4);
        var boxDiff = DetectionAssert.AllClose(JsReference.Floats(reference.GetProperty("boxes_first8")), boxes[0, ..2].flatten().data<float>().ToArray(), 1e-4);
        var sum = scores.sum().item<float>();
        var max = scores.max().item<float>();
        Assert.Equal(reference.GetProperty("scores_sum").GetDouble(), sum, 18.0764 * 1e-5);
        Assert.Equal(reference.GetProperty("scores_max").GetDouble(), max, 1e-6);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scores_first8 max diff {scoreDiff:E2}, boxes_first8 max diff {boxDiff:E2}, sum {sum:F6}, max {max:F7}"));
    }
}

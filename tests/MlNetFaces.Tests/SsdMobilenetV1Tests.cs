using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class SsdMobilenetV1Tests(ITestOutputHelper output)
{
    private static readonly Lazy<SsdMobilenetV1> Model = new(() =>
    {
        TorchRuntime.EnsureLoaded();
        return SsdMobilenetV1.Load(TestPaths.Models);
    });

    [Fact]
    public void RawOutputOnThePatternMatchesTheReference()
    {
        var reference = JsReference.RawVectors.GetProperty("ssd_512_pattern");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (boxes, scores) = Model.Value.forward(JsReference.Pattern(512, 512));

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
        var expected = JsReference.Root.GetProperty("images")[sample - 1].GetProperty("ssd_detections");

        DetectionAssert.MatchesReference(expected, Model.Value.Detect(image), minIoU: 0.999, scoreTolerance: 1e-4, output);
    }

    [SkippableFact]
    public void BatchDetectionMatchesTheReference()
    {
        var images = new List<RgbImage> { ImageDecoder.Load(JsReference.DecodedDemoImage(2)), ImageDecoder.Load(JsReference.DecodedDemoImage(4)) };

        var found = Model.Value.Detect(images);

        Assert.Equal(2, found.Count);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[1].GetProperty("ssd_detections"), found[0], 0.999, 1e-4, output);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[3].GetProperty("ssd_detections"), found[1], 0.999, 1e-4, output);
    }

    [Fact]
    public void UniformGreyImageHasNoFaces()
    {
        var grey = new RgbImage(640, 480, Enumerable.Repeat((byte)128, 640 * 480 * 3).ToArray());

        Assert.Empty(Model.Value.Detect(grey));
    }
}

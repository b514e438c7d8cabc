using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using Xunit.Abstractions;

namespace MlNetFaces.Tests;

/// <summary>Both detectors against the JS reference: the demo images one by one and as a batch, and a faceless image.</summary>
public class DetectorParityTests(ITestOutputHelper output)
{
    /// <summary>The detector a theory row names.</summary>
    public enum Detector
    {
        Ssd,
        Tiny,
    }

    private const double MinIoU = 0.999;

    private const double ScoreTolerance = 1e-4;

    public static TheoryData<Detector> Both => new() { Detector.Ssd, Detector.Tiny };

    /// <summary>Each detector with each of the six demo images.</summary>
    public static TheoryData<Detector, int> DemoImages
    {
        get
        {
            var data = new TheoryData<Detector, int>();
            foreach (var detector in Enum.GetValues<Detector>())
            {
                for (var sample = 1; sample <= 6; sample++)
                {
                    data.Add(detector, sample);
                }
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DemoImages))]
    public void FindsTheReferenceFacesOfDemoImage(Detector detector, int sample)
    {
        var image = ImageDecoder.Load(JsReference.DecodedDemoImage(sample));
        var expected = JsReference.Root.GetProperty("images")[sample - 1].GetProperty(ReferenceKey(detector));

        DetectionAssert.MatchesReference(expected, Detect(detector, image), MinIoU, ScoreTolerance, output);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public void BatchDetectionMatchesTheReference(Detector detector)
    {
        var images = new List<RgbImage> { ImageDecoder.Load(JsReference.DecodedDemoImage(2)), ImageDecoder.Load(JsReference.DecodedDemoImage(4)) };

        var found = DetectAll(detector, images);

        Assert.Equal(2, found.Count);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[1].GetProperty(ReferenceKey(detector)), found[0], MinIoU, ScoreTolerance, output);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[3].GetProperty(ReferenceKey(detector)), found[1], MinIoU, ScoreTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void UniformGreyImageHasNoFaces(Detector detector)
    {
        var grey = new RgbImage(640, 480, Enumerable.Repeat((byte)128, 640 * 480 * 3).ToArray());

        Assert.Empty(Detect(detector, grey));
    }

    /// <summary>The property of a reference image that holds this detector's detections.</summary>
    private static string ReferenceKey(Detector detector) => detector switch
    {
        Detector.Ssd => "ssd_detections",
        Detector.Tiny => "tiny_detections",
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, null),
    };

    /// <summary>One image at the detector's own default threshold.</summary>
    private static IReadOnlyList<FaceDetection> Detect(Detector detector, RgbImage image) => detector switch
    {
        Detector.Ssd => Detectors.Ssd.Detect(image),
        Detector.Tiny => Detectors.Tiny.Detect(image),
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, null),
    };

    /// <summary>A batch at the detector's own default threshold.</summary>
    private static IReadOnlyList<IReadOnlyList<FaceDetection>> DetectAll(Detector detector, IReadOnlyList<RgbImage> images) => detector switch
    {
        Detector.Ssd => Detectors.Ssd.Detect(images),
        Detector.Tiny => Detectors.Tiny.Detect(images),
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, null),
    };
}

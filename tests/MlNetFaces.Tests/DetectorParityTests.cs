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

    /// <summary>Each detector on each engine.</summary>
    public static TheoryData<Detector, InferenceEngine> Both
    {
        get
        {
            var data = new TheoryData<Detector, InferenceEngine>();
            foreach (var detector in Enum.GetValues<Detector>())
            {
                foreach (var engine in Engines.All)
                {
                    data.Add(detector, engine);
                }
            }

            return data;
        }
    }

    /// <summary>Each detector on each engine with each of the six demo images.</summary>
    public static TheoryData<Detector, InferenceEngine, int> DemoImages
    {
        get
        {
            var data = new TheoryData<Detector, InferenceEngine, int>();
            foreach (var detector in Enum.GetValues<Detector>())
            {
                foreach (var engine in Engines.All)
                {
                    for (var sample = 1; sample <= 6; sample++)
                    {
                        data.Add(detector, engine, sample);
                    }
                }
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DemoImages))]
    public void FindsTheReferenceFacesOfDemoImage(Detector detector, InferenceEngine engine, int sample)
    {
        var image = ImageDecoder.Load(JsReference.DecodedDemoImage(sample));
        var expected = JsReference.Root.GetProperty("images")[sample - 1].GetProperty(ReferenceKey(detector));

        DetectionAssert.MatchesReference(expected, DetectAll(detector, engine, [image])[0], MinIoU, ScoreTolerance, output);
    }

    [SkippableTheory]
    [MemberData(nameof(Both))]
    public void BatchDetectionMatchesTheReference(Detector detector, InferenceEngine engine)
    {
        var images = new List<RgbImage> { ImageDecoder.Load(JsReference.DecodedDemoImage(2)), ImageDecoder.Load(JsReference.DecodedDemoImage(4)) };

        var found = DetectAll(detector, engine, images);

        Assert.Equal(2, found.Count);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[1].GetProperty(ReferenceKey(detector)), found[0], MinIoU, ScoreTolerance, output);
        DetectionAssert.MatchesReference(JsReference.Root.GetProperty("images")[3].GetProperty(ReferenceKey(detector)), found[1], MinIoU, ScoreTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void UniformGreyImageHasNoFaces(Detector detector, InferenceEngine engine)
    {
        var grey = new RgbImage(640, 480, Enumerable.Repeat((byte)128, 640 * 480 * 3).ToArray());

        Assert.Empty(DetectAll(detector, engine, [grey])[0]);
    }

    [Fact]
    public void TheTorchSharpModulesDetectAsTheirEngine()
    {
        var image = ImageDecoder.Load(JsReference.DecodedDemoImage(2));
        var models = Engines.Models(InferenceEngine.TorchSharp);
        Assert.Equal(models.Detector(DetectorKind.Ssd).Detect(image, 0.5), Detectors.Ssd.Detect(image));
        Assert.Equal(models.Detector(DetectorKind.Tiny).Detect(image, 0.5), Detectors.Tiny.Detect(image));
    }

    /// <summary>The property of a reference image that holds this detector's detections.</summary>
    private static string ReferenceKey(Detector detector) => detector switch
    {
        Detector.Ssd => "ssd_detections",
        Detector.Tiny => "tiny_detections",
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, null),
    };

    /// <summary>A batch, at face-api's default threshold (0.5), in one run of the detector's net on an engine.</summary>
    private static IReadOnlyList<IReadOnlyList<FaceDetection>> DetectAll(Detector detector, InferenceEngine engine, IReadOnlyList<RgbImage> images) => detector switch
    {
        Detector.Ssd => ((SsdDetector)Engines.Models(engine).Detector(DetectorKind.Ssd)).Detect(images, 0.5),
        Detector.Tiny => ((TinyYoloDetector)Engines.Models(engine).Detector(DetectorKind.Tiny)).Detect(images, 0.5),
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, null),
    };
}

using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Embedding;

namespace MlNetFaces.Tests;

/// <summary>dlib's face chip: the similarity fit, the sampling, and what it buys on real faces.</summary>
public class DlibChipTests
{
    [Fact]
    public void SimilarityRecoversAKnownTransform()
    {
        var truth = new DlibChip.Transform(1.7 * Math.Cos(0.3), 1.7 * Math.Sin(0.3), 12.5, -4);
        var from = new[] { new PointD(0, 0), new PointD(10, 3), new PointD(-4, 8), new PointD(7, -6) };
        var fitted = DlibChip.Similarity(from, from.Select(p => truth.Apply(p.X, p.Y)).ToList());
        Assert.Equal(truth.A, fitted.A, 9);
        Assert.Equal(truth.B, fitted.B, 9);
        Assert.Equal(truth.Tx, fitted.Tx, 9);
        Assert.Equal(truth.Ty, fitted.Ty, 9);
        Assert.Equal(1.7, fitted.Scale, 9);
    }

    [Fact]
    public void SimilarityRejectsCoincidentPoints()
    {
        var same = new[] { new PointD(1, 1), new PointD(1, 1) };
        Assert.Throws<ArgumentException>(() => DlibChip.Similarity(same, same));
        Assert.Throws<ArgumentException>(() => DlibChip.Fit(same, 150, 0.25));
    }

    [Fact]
    public void ShiftIsAnExactCropAndOutsideIsBlack()
    {
        var image = Pattern(50, 40);
        var chip = DlibChip.Extract(image, new DlibChip.Transform(1, 0, 10, 20), 8);
        Assert.Equal(3 * 8 * 8, chip.Length);
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 8; v++)
            {
                for (var u = 0; u < 8; u++)
                {
                    Assert.Equal(Value(c, 20 + v, 10 + u), chip[(((c * 8) + v) * 8) + u], 3);
                }
            }
        }

        var outside = DlibChip.Extract(image, new DlibChip.Transform(1, 0, 45, 35), 10);
        Assert.Equal(0f, outside[(9 * 10) + 9]);
        Assert.True(outside[0] > 0);
    }

    [Fact]
    public void QuarterTurnRotatesTheCrop()
    {
        var image = Pattern(30, 30);

        // Chip pixel (u, v) reads image (x, y) = (20 − v, 5 + u): a quarter turn.
        var chip = DlibChip.Extract(image, new DlibChip.Transform(0, 1, 20, 5), 6);
        for (var v = 0; v < 6; v++)
        {
            for (var u = 0; u < 6; u++)
            {
                Assert.Equal(Value(1, 5 + u, 20 - v), chip[36 + (v * 6) + u], 2);
            }
        }
    }

    [Fact]
    public void LargeFacesAreHalvedBeforeSampling()
    {
        // A fine checkerboard seen at 4 image pixels per chip pixel: plain bilinear sampling would alias to
        // black or white; dlib's pyramid (here 2×2 means) averages it to grey.
        var pixels = new byte[64 * 64 * 3];
        for (var i = 0; i < 64 * 64; i++)
        {
            pixels.AsSpan(i * 3, 3).Fill((byte)((((i / 64) + (i % 64)) % 2) * 255));
        }

        var chip = DlibChip.Extract(new RgbImage(64, 64, pixels), new DlibChip.Transform(4, 0, 1, 1), 12);
        Assert.True(chip.Max(v => Math.Abs(v - 127.5f)) < 1, "the chip should be uniformly grey");
    }

    /// <summary>An image whose pixel values are <see cref="Value"/>.</summary>
    private static RgbImage Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    pixels[(((y * width) + x) * 3) + c] = (byte)Value(c, y, x);
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static float Value(int c, int y, int x) => 1 + (((c * 71) + (y * 13) + (x * 7)) % 250);

    [SkippableFact]
    public void ChipOfARotatedFaceKeepsItsDescriptor()
    {
        var path = TestPaths.SharedPathOrSkip("data", "faces", "lfw-deepfunneled", "lfw-deepfunneled", "Hootie_Johnson", "Hootie_Johnson_0001.jpg");
        var image = ImageDecoder.Load(path);
        var rotated = Rotate(image, 20);
        float Change(FaceAlignment alignment)
        {
            var options = FaceEmbedder.PipelineOptions(store: TestPaths.Models);
            options.Alignment = alignment;
            var pipeline = new FacePipeline(options);
            var finder = new CentralFaceFinder(pipeline);
            var a = finder.Find([image])[0]!;
            var b = finder.Find([rotated])[0]!;
            return FaceDistance.Euclidean(a.Descriptor, b.Descriptor);
        }

        var dlib = Change(FaceAlignment.DlibChip);
        var faceApi = Change(FaceAlignment.FaceApi);
        Assert.True(dlib < 0.25 && dlib < faceApi, $"a 20° turn moved the descriptor by {dlib:0.000} (dlib chip) and {faceApi:0.000} (face-api box)");
    }

    [SkippableFact]
    public void MarginFindsFacesThatFillTheFrame()
    {
        // One of the 130 LFW pair images where SSD finds nothing even at score 0.1 without a margin.
        var path = TestPaths.SharedPathOrSkip("data", "faces", "lfw-deepfunneled", "lfw-deepfunneled", "Mario_Dumont", "Mario_Dumont_0001.jpg");
        var image = ImageDecoder.Load(path);
        IReadOnlyList<FaceDetection> Detect(double margin, bool closeUps = false) =>
            new FacePipeline(new FacePipelineOptions { Store = TestPaths.Models, MinConfidence = 0.1f, DetectionMargin = margin, RetryWhenNoFace = closeUps }).Detect(image);

        Assert.Empty(Detect(0));
        foreach (var found in new[] { Assert.Single(Detect(FaceEmbedder.CentralFaceMargin)), Assert.Single(Detect(0, closeUps: true)) })
        {
            var centre = new PointD(found.Box.X + (found.Box.Width / 2), found.Box.Y + (found.Box.Height / 2));
            Assert.InRange(centre.X, 100, 150);
            Assert.InRange(centre.Y, 100, 150);
        }

        // The default face rule (second pass inside a border) finds it at the default threshold too.
        var pipeline = new FacePipeline(new FacePipelineOptions { Store = TestPaths.Models });
        var small = Assert.Single(pipeline.Detect(image));

        // A large photo is shrunk before the border pass: the same face, at 12 times the size.
        var large = Assert.Single(pipeline.Detect(ImageResizer.Resize(image, image.Width * 12, image.Height * 12)));
        Assert.InRange(large.Box.X / 12, small.Box.X - 5, small.Box.X + 5);
        Assert.InRange(large.Box.Width / 12, small.Box.Width * 0.9, small.Box.Width * 1.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FacePipeline(new FacePipelineOptions { Store = TestPaths.Models, DetectionMargin = -1 }));
    }

    /// <summary>The image turned by some degrees about its centre (black corners), through the chip sampler itself.</summary>
    private static RgbImage Rotate(RgbImage image, double degrees)
    {
        var t = degrees * Math.PI / 180;
        double c = Math.Cos(t), s = Math.Sin(t), cx = (image.Width - 1) / 2.0, cy = (image.Height - 1) / 2.0;
        var transform = new DlibChip.Transform(c, s, cx - (c * cx) + (s * cy), cy - (s * cx) - (c * cy));
        return NetInput.ToImage(DlibChip.Extract(image, transform, image.Width), image.Width, image.Width);
    }
}

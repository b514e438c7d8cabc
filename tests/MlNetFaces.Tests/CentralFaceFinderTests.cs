using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Embedding;

namespace MlNetFaces.Tests;

/// <summary>The face a photo is about: the rule on constructed detections, and the LFW photos that motivated it.</summary>
public sealed class CentralFaceFinderTests
{
    private static readonly FaceDetection Portrait = new(new FaceBox(90, 80, 70, 90), 0.45f);   // contains the centre (125,125)
    private static readonly FaceDetection Edge = new(new FaceBox(214, 41, 36, 83), 0.80f);      // confident, far from it
    private static readonly FaceDetection Nearer = new(new FaceBox(100, 130, 20, 20), 0.70f);   // confident, nearer, centre outside
    private static readonly FaceDetection Inner = new(new FaceBox(110, 110, 30, 30), 0.30f);    // inside the portrait, weaker

    [Fact]
    public void ABoxContainingTheCentreBeatsConfidentFacesAroundIt()
    {
        Assert.Same(Portrait, CentralFaceFinder.Choose([Edge, Nearer, Portrait, Inner], 250, 250, 0.5f));
    }

    [Fact]
    public void AConfidentBoxContainingTheCentreBeatsAWeakerOne()
    {
        var confident = Portrait with { Score = 0.9f };
        Assert.Same(confident, CentralFaceFinder.Choose([Inner, confident], 250, 250, 0.5f));
    }

    [Fact]
    public void WithoutABoxOnTheCentreTheConfidentNearestWins()
    {
        var weakNearest = new FaceDetection(new FaceBox(130, 150, 20, 20), 0.2f);
        Assert.Same(Nearer, CentralFaceFinder.Choose([Edge, weakNearest, Nearer], 250, 250, 0.5f));
        Assert.Same(weakNearest, CentralFaceFinder.Choose([weakNearest], 250, 250, 0.5f));
        Assert.Null(CentralFaceFinder.Choose([], 250, 250, 0.5f));
    }

    [SkippableTheory]
    [InlineData("Yasser_Arafat", 5)]  // portrait 0.45, a 24-pixel face at the edge 0.50
    [InlineData("Goldie_Hawn", 2)]    // portrait 0.39, a man behind her 0.85
    [InlineData("Abdoulaye_Wade", 3)] // no SSD box above 0.08: the tiny detector finds him
    public void LfwPhotosGetTheirCentralFace(string person, int number)
    {
        var path = TestPaths.SharedPathOrSkip("data", "faces", "lfw-deepfunneled", "lfw-deepfunneled", person, $"{person}_{number:0000}.jpg");
        var image = ImageDecoder.Load(path);
        var face = new CentralFaceFinder(new FacePipeline(FaceEmbedder.PipelineOptions(store: TestPaths.Models))).Find([image])[0];
        Assert.NotNull(face);
        Assert.InRange(125, face.Box.X, face.Box.Right);
        Assert.InRange(125, face.Box.Y, face.Box.Bottom);
        Assert.True(face.Box.Width > 60, $"{person}_{number}: a face of width {face.Box.Width:0}");
    }

    [SkippableFact]
    public void AGreyImageHasNoFace()
    {
        var grey = new RgbImage(64, 48, Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray());
        Assert.Null(new CentralFaceFinder(new FacePipeline(FaceEmbedder.PipelineOptions(store: TestPaths.Models))).Find([grey])[0]);
    }
}

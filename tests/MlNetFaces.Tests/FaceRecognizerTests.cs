using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.Embedding;

namespace MlNetFaces.Tests;

/// <summary>The five-line entry point: real LFW pairs, the demo photos, and the errors a careless caller meets.</summary>
public sealed class FaceRecognizerTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-recognizer-");

    public void Dispose() => dir.Dispose();

    private static FaceRecognizer Recognizer() => new(new FaceRecognizerOptions { Store = TestPaths.Models });

    private static string Lfw(string person, int n) =>
        TestPaths.SharedPathOrSkip("data", "faces", "lfw-deepfunneled", "lfw-deepfunneled", person, $"{person}_{n:0000}.jpg");

    [SkippableFact]
    public void VerifiesASamePersonAndADifferentPersonPair()
    {
        using var faces = Recognizer();
        var same = faces.Verify(Lfw("Zico", 1), Lfw("Zico", 2));
        var different = faces.Verify(Lfw("Abdel_Madi_Shabneh", 1), Lfw("Dean_Barker", 1));
        Assert.True(same.IsSamePerson, $"Zico 1/2 at {same.Distance}");
        Assert.False(different.IsSamePerson, $"Shabneh/Barker at {different.Distance}");
        Assert.Equal(FaceDistance.SamePersonThreshold, same.Threshold);
        Assert.InRange(same.Distance, 0, FaceDistance.SamePersonThreshold);
    }

    [SkippableFact]
    public void EmbedIsTheCentralFaceThatEvaluateUses()
    {
        var path = Lfw("Zico", 1);
        using var faces = Recognizer();
        var embedding = faces.Embed(path);
        var expected = new FaceEmbedder(new Faces.FacePipeline(FaceEmbedder.PipelineOptions(store: TestPaths.Models)))
            .Embed([path]).Embeddings[path].Descriptor(flip: false)!;
        Assert.Equal(128, embedding.Length);
        Assert.Equal(0, FaceDistance.Euclidean(embedding, expected), 5);
        Assert.Equal(0, faces.Verify(path, path).Distance, 5);
    }

    [Fact]
    public void DetectListsEveryFaceOfTheDemoPhotos()
    {
        using var faces = Recognizer();
        var counts = FaceApiPackage.DemoImages.Select(name => faces.Detect(TestPaths.Models.PathOf(name))).ToList();
        Assert.Equal(22, counts.Sum(f => f.Count));
        Assert.All(counts.SelectMany(f => f), face =>
        {
            Assert.Equal(68, face.Landmarks.Count);
            Assert.Equal(128, face.Descriptor.Length);
            Assert.InRange(face.Score, 0.5f, 1f);
        });
    }

    [Fact]
    public void BadInputGivesTypedErrorsNamingTheFile()
    {
        using var faces = Recognizer();
        var missing = dir.File("missing.jpg");
        Assert.Contains("missing.jpg", Assert.Throws<FileNotFoundException>(() => faces.Embed(missing)).Message, StringComparison.Ordinal);

        var text = dir.File("not-an-image.jpg");
        File.WriteAllText(text, "hello");
        Assert.Throws<ImageDecodeException>(() => faces.Verify(text, text));

        var blank = dir.File("blank.png");
        ImageEncoder.Save(new RgbImage(64, 64, new byte[64 * 64 * 3]), blank);
        var error = Assert.Throws<FaceNotFoundException>(() => faces.Embed(blank));
        Assert.Equal(blank, error.ImagePath);
        Assert.Contains("no face found", error.Message, StringComparison.Ordinal);
        Assert.Empty(faces.Detect(blank));
    }

    [Fact]
    public void RejectsBadOptionsAndUseAfterDispose()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceRecognizer(new FaceRecognizerOptions { Threshold = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceRecognizer(new FaceRecognizerOptions { Threshold = -1 }));
        var faces = Recognizer();
        faces.Dispose();
        Assert.Throws<ObjectDisposedException>(() => faces.Embed(new RgbImage(8, 8, new byte[8 * 8 * 3])));
    }
}

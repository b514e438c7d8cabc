using MlNetFaces.Models;

namespace MlNetFaces.Tests;

public class ModelStoreTests
{
    [Fact]
    public void FetchedFilesAreAllVerified()
    {
        var store = TestPaths.Models;
        Assert.Empty(store.MissingOrCorrupt());
        Assert.True(File.Exists(store.ManifestOf(FaceApiPackage.FaceRecognition)));
    }

    [Fact]
    public void CorruptFileIsDetected()
    {
        using var dir = new TempFolder("mlnetfaces-store-");
        var store = new ModelStore(dir.Path);
        foreach (var f in ModelStore.PinnedFiles)
        {
            File.Copy(TestPaths.Models.PathOf(f.FileName), store.PathOf(f.FileName));
        }

        Assert.Empty(store.MissingOrCorrupt());
        File.WriteAllText(store.PathOf("face_recognition_model.bin"), "not weights");
        var bad = Assert.Single(store.MissingOrCorrupt());
        Assert.Equal("face_recognition_model.bin", bad.FileName);
    }
}

public sealed class ModelStoreFetchErrorTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-store-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EmptyStoreIsFilledFromTheEmbeddedWeightsWithoutNpm()
    {
        var store = new ModelStore(dir.Path) { NpmCommand = "npm-that-does-not-exist" };
        Assert.Equal(ModelStore.PinnedFiles.Count, store.MissingOrCorrupt().Count);
        File.WriteAllText(store.PathOf("face_recognition_model.bin"), "corrupt");
        File.WriteAllText(store.DlibRecognitionPath, "corrupt");
        store.EnsureAvailable();
        Assert.Empty(store.MissingOrCorrupt());
    }

    [Fact]
    public void EmbeddedManifestPinsEveryFileOnce()
    {
        Assert.Equal(17, FaceApiPackage.Files.Count);
        Assert.Equal(FaceApiPackage.Files.Count, FaceApiPackage.Files.Select(f => f.FileName).Distinct().Count());
        Assert.All(FaceApiPackage.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
    }

    [Fact]
    public void MissingNpmSaysHowToPlaceFilesByHand()
    {
        var store = new ModelStore(dir.Path) { NpmCommand = "npm-that-does-not-exist" };
        var error = Assert.Throws<ModelStoreException>(() => store.Fetch());
        Assert.Contains("was not found on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("models fetch --from", error.Message, StringComparison.Ordinal);
        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void FailingNpmIsReportedAsUnreachableRegistry()
    {
        Skip.IfNot(File.Exists("/bin/false"), "needs /bin/false to stand in for an offline npm");
        var store = new ModelStore(dir.Path) { NpmCommand = "/bin/false" };
        var error = Assert.Throws<ModelStoreException>(() => store.Fetch());
        Assert.Contains("npm pack @vladmandic/face-api@1.7.15 failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("registry reachable", error.Message, StringComparison.Ordinal);
    }
}

using MlNetFaces.Models;

namespace MlNetFaces.Tests;

/// <summary><c>mlnetfaces models fetch</c> and <c>models list</c> in a fresh process: from the embedded weights without npm, from a tarball, a damaged file.</summary>
public sealed class ModelsCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-models-cli-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void FetchFillsAnEmptyStoreFromTheEmbeddedWeights()
    {
        var store = dir.File("store");
        var fetch = CliTests.Cli("models", "fetch", "--models", store);
        Assert.True(fetch.Code == 0, fetch.Stderr);
        Assert.Contains("copied from the MlNetFaces.Weights packages", fetch.Stderr, StringComparison.Ordinal);
        Assert.Empty(new ModelStore(store).MissingOrCorrupt());
    }

    [SkippableFact]
    public void FetchFromATarballInstallsEveryPinnedFile()
    {
        var tarball = Path.Combine(TestPaths.RepoRoot, "src", "MlNetFaces.Weights.FaceApi", "obj", "vladmandic-face-api-1.7.15.tgz");
        Skip.IfNot(File.Exists(tarball), $"{tarball} is absent (the weights project's build fetches it with npm pack).");
        var store = dir.File("from-tarball");
        var fetch = CliTests.Cli("models", "fetch", "--models", store, "--from", tarball);
        Assert.True(fetch.Code == 0, fetch.Stderr);
        Assert.Equal([DlibModelsPackage.Recognition], new ModelStore(store).MissingOrCorrupt());
        Assert.Contains($"still missing: {DlibModelsPackage.Recognition.FileName}", fetch.Stdout, StringComparison.Ordinal);

        var missing = CliTests.Cli("models", "fetch", "--models", store, "--from", dir.File("nope.tgz"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("nope.tgz", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ListShowsEveryPinnedFileAndADamagedOne()
    {
        var store = dir.File("store");
        Assert.Equal(0, CliTests.Cli("models", "fetch", "--models", store).Code);
        var list = CliTests.Cli("models", "list", "--models", store);
        Assert.True(list.Code == 0, list.Stderr);
        Assert.Contains($"verified  {DlibModelsPackage.Recognition.FileName}", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(ModelStore.PinnedFiles.Count, list.Stdout.Split('\n').Count(l => l.Contains("verified", StringComparison.Ordinal)));

        File.WriteAllText(Path.Combine(store, DlibModelsPackage.Recognition.FileName), "corrupt");
        list = CliTests.Cli("models", "list", "--models", store);
        Assert.Equal(1, list.Code);
        Assert.Contains($"corrupt   {DlibModelsPackage.Recognition.FileName}", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("run 'mlnetfaces models fetch' to restore it", list.Stdout, StringComparison.Ordinal);
    }
}

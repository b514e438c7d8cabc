using MlNetFaces.Models;

namespace MlNetFaces.Tests;

/// <summary>Where tests find the repository, ../shared and the model store.</summary>
internal static class TestPaths
{
    private static readonly Lazy<ModelStore> Store = new(() =>
    {
        var store = new ModelStore();
        store.EnsureAvailable();
        return store;
    });

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>$MLNETFACES_SHARED</c>, else <c>../shared</c> beside the repository.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("MLNETFACES_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary><c>$MLNETFACES_DATA</c>, else <c>../shared/data</c>.</summary>
    public static string Data =>
        Environment.GetEnvironmentVariable("MLNETFACES_DATA") is { Length: > 0 } d ? d : Path.Combine(Shared, "data");

    /// <summary>The verified model store, fetched once per test run.</summary>
    public static ModelStore Models => Store.Value;

    public static string ReferenceJson => Path.Combine(AppContext.BaseDirectory, "Reference", "js_reference.json");

    /// <summary>A path under ../shared, or a skip with a clear message when it is absent.</summary>
    public static string SharedPathOrSkip(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"{path} is absent: set MLNETFACES_SHARED to the shared folder to run this test.");
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetFaces.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlNetFaces.sln not found above " + AppContext.BaseDirectory);
    }
}

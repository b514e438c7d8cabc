using Xunit.Abstractions;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>Executes every notebooks/*.ipynb in-process and keeps the executed copies (with outputs) in artifacts/notebooks/.</summary>
public sealed class NotebookTests(ITestOutputHelper output)
{
    public static string ArtifactsFolder => Path.Combine(TestPaths.RepoRoot, "artifacts", "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebookRunner.SourceFolder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public async Task NotebookRunsTopToBottom(string notebook)
    {
        _ = TestPaths.Models;
        var run = await NotebookRunner.RunAsync(Path.Combine(NotebookRunner.SourceFolder, notebook));
        var saved = NotebookRunner.Save(run, ArtifactsFolder);
        output.WriteLine($"{notebook}: {run.Elapsed.TotalSeconds:0.0} s; executed notebook: {saved}");
    }
}

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
        var path = Path.Combine(NotebookRunner.SourceFolder, notebook);
        foreach (var required in NotebookRunner.RequiredData(path))
        {
            var data = Path.Combine(TestPaths.Data, required);
            Skip.IfNot(File.Exists(data) || Directory.Exists(data), $"{notebook} needs {data}, which is absent: set MLNETFACES_DATA to run it.");
        }

        _ = TestPaths.Models;
        var run = await NotebookRunner.RunAsync(path);
        var saved = NotebookRunner.Save(run, ArtifactsFolder);
        output.WriteLine($"{notebook}: {run.Elapsed.TotalSeconds:0.0} s; executed notebook: {saved}");
    }
}

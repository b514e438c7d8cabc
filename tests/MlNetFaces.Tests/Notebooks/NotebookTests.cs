using Xunit.Abstractions;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>
/// Executes every notebooks/*.ipynb top to bottom in a fresh process, against the library packed into the local feed
/// (as a notebook user's <c>#r "nuget: MlNetFaces"</c> gets it), and keeps the executed copies in artifacts/notebooks/.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NotebookTests(ITestOutputHelper output)
{
    public static string ArtifactsFolder => Path.Combine(TestPaths.RepoRoot, "artifacts", "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebookProcess.SourceFolder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void NotebookRunsTopToBottom(string notebook)
    {
        var path = Path.Combine(NotebookProcess.SourceFolder, notebook);
        foreach (var required in NotebookProcess.RequiredData(path))
        {
            var data = Path.Combine(TestPaths.Data, required);
            Skip.IfNot(File.Exists(data) || Directory.Exists(data), $"{notebook} needs {data}, which is absent: set MLNETFACES_DATA to run it.");
        }

        _ = LocalFeed.Folder;
        var (exitCode, stdout, stderr) = NotebookProcess.Run(path, ArtifactsFolder);
        Assert.True(exitCode == 0, $"{notebook} failed (exit {exitCode}):\n{stderr}");
        output.WriteLine(stdout.Trim());
    }

    [Fact]
    public void NotebooksAskForThePackagesOfThisVersion()
    {
        foreach (var path in Directory.GetFiles(NotebookProcess.SourceFolder, "*.ipynb"))
        {
            var text = File.ReadAllText(path);
            Assert.Contains("#i \\\"nuget: ../artifacts/packages\\\"", text, StringComparison.Ordinal);
            Assert.Contains($", {LocalFeed.Version}\\\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("bin/", text, StringComparison.Ordinal);
        }
    }
}

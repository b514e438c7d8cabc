using System.Text.Json.Nodes;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>The runner itself: a failing cell fails the run with the notebook's name, the cell number and the error.</summary>
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetfaces-notebook-");

    [Fact]
    public async Task ABrokenCellFailsWithTheNotebookAndCellNamed()
    {
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell("markdown", "# A notebook"),
                Cell("code", "var answer = 6 * 7;\nanswer"),
                Cell("code", "answer.NoSuchMember();")),
            ["metadata"] = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(NotebookProcess.SourceFolder, "*.ipynb")[0]))!["metadata"]!.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        var copy = folder.File("broken.ipynb");
        await File.WriteAllTextAsync(copy, json.ToJsonString());

        var (exitCode, _, stderr) = NotebookProcess.Run(copy, folder.File("out"));

        Assert.Equal(1, exitCode);
        Assert.Contains("broken.ipynb, cell 3 failed", stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchMember", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out", "broken.ipynb")));
    }

    public void Dispose() => folder.Dispose();

    private static JsonObject Cell(string type, string source) => new()
    {
        ["cell_type"] = type,
        ["metadata"] = type == "code" ? new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } } : new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["execution_count"] = null,
        ["source"] = new JsonArray(source),
    };
}

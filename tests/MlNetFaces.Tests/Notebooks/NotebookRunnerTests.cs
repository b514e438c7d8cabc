using System.Text.Json.Nodes;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>The runner itself: a failing cell fails the run with the notebook's name, the cell number and the error.</summary>
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlnetfaces-notebook-").FullName;

    [Fact]
    public async Task ABrokenCellFailsWithTheNotebookAndCellNamed()
    {
        var source = Directory.GetFiles(NotebookRunner.SourceFolder, "*.ipynb").Order(StringComparer.Ordinal).First();
        var json = JsonNode.Parse(await File.ReadAllTextAsync(source))!.AsObject();
        var cells = json["cells"]!.AsArray();
        var firstCode = cells.Select((c, i) => (c, i)).First(x => (string?)x.c!["cell_type"] == "code").i;
        var brokenCell = firstCode + 2; // 1-based number of the injected cell, right after the first code cell
        cells.Insert(firstCode + 1, new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = new JsonArray("var answer = 6 * 7;\n", "answer.NoSuchMember();"),
        });
        var copy = Path.Combine(folder, "broken-" + Path.GetFileName(source));
        await File.WriteAllTextAsync(copy, json.ToJsonString());

        var failure = await Assert.ThrowsAsync<NotebookCellException>(() => NotebookRunner.RunAsync(copy));

        Assert.Equal(Path.GetFileName(copy), failure.Notebook);
        Assert.Equal(brokenCell, failure.Cell);
        Assert.Contains($"broken-{Path.GetFileName(source)}, cell {brokenCell} failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchMember", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

using System.Diagnostics;
using System.Text.Json;
using MlNetFaces.Imaging;

namespace MlNetFaces.Tests;

/// <summary><c>mlnetfaces style image</c> and <c>style grid</c> in a fresh process: the JSON of docs/CLI-JSON.md and exit codes.</summary>
public sealed class StyleTransferCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-style-image-");

    private static string Cat => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "animal_cat_chelsea.png");

    private static string StarryNight => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "vangogh_starry_night.jpg");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void StyleImageWritesTheJsonContract()
    {
        var output = dir.File("out.png");
        var grid = dir.File("grid.png");
        var (code, stdout, stderr) = Cli(
            "style", "image", "--content", Cat, "--style", StarryNight, "--style", Cat, "--blend", "0.7,0.3",
            "--out", output, "--grid", grid, "--size", "40", "--steps", "3", "--snapshot-every", "3", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(output, root.GetProperty("output").GetString());
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("seconds_per_step").GetDouble() > 0);
        foreach (var name in new[] { "content_loss", "style_loss", "total_loss" })
        {
            Assert.Equal(2, root.GetProperty(name).GetArrayLength());
        }

        Assert.Equal(0, root.GetProperty("content_loss")[0].GetDouble());
        var image = ImageDecoder.Load(output);
        Assert.Equal(40, image.Width);
        Assert.True(File.Exists(grid));
        Assert.True(File.Exists(dir.File("out-step3.png")));
    }

    [Fact]
    public void BadInputExitsWithTwoAndOneLine()
    {
        var corrupt = dir.File("corrupt.png");
        File.WriteAllText(corrupt, "not an image");
        string[][] cases =
        [
            ["--content", dir.File("missing.png"), "--style", StarryNight],
            ["--content", corrupt, "--style", StarryNight],
            ["--content", Cat, "--style", StarryNight, "--steps", "0"],
            ["--content", Cat, "--style", StarryNight, "--beta", "-1"],
            ["--content", Cat, "--style", StarryNight, "--style-layers", "layer1:-1"],
            ["--content", Cat, "--style", StarryNight, "--content-layers", "conv4_2", "--size", "32", "--steps", "1"],
            ["--content", Cat, "--style", StarryNight, "--optimizer", "sgd"],
            ["--content", Cat, "--style", StarryNight, "--blend", "0.5,0.5"],
            ["--content", Cat],
        ];
        string[] reasons = ["not found", "not an image", "steps", "beta", "layer1", "conv4_2", "sgd", "blend", "--style"];
        for (var i = 0; i < cases.Length; i++)
        {
            var (code, stdout, stderr) = Cli(["style", "image", .. cases[i], "--json"]);
            Assert.True(code == 2, $"case {i}: exit {code}, {stderr}");
            Assert.Empty(stdout);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("mlnetfaces:", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count >= 1, $"case {i}: {stderr}");
            Assert.Contains(reasons[i], lines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StyleGridWritesAMatrixAndPerPairFigures()
    {
        var output = dir.File("grid.png");
        var (code, stdout, stderr) = Cli("style", "grid", "--content", Cat, "--style", StarryNight, Cat, "--size", "32", "--steps", "2", "--cell", "32", "--out", output, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var pairs = json.RootElement.GetProperty("pairs");
        Assert.Equal(2, pairs.GetArrayLength());
        Assert.True(pairs[0].GetProperty("content_loss_at_noise").GetDouble() > 0);
        var grid = ImageDecoder.Load(output);
        Assert.Equal((3 * 32) + (4 * 4), grid.Width);
        Assert.Equal((2 * 32) + (3 * 4), grid.Height);
    }

    private static (int Code, string Stdout, string Stderr) Cli(params string[] args) => CliTests.Cli(args);
}

using System.Text.Json;

namespace MlNetFaces.Tests;

/// <summary>
/// The style-transfer verb layout: <c>style image|audio|volume|grid|train|apply</c>, and the old verbs
/// <c>stylize</c>, <c>stylize-audio</c>, <c>stylize-volume</c> kept for one release: the same run and the same JSON on
/// stdout, one deprecation line on stderr naming the new form (the audio and volume aliases are tested in
/// <see cref="SignalStyleCliTests"/>, with the inputs made there).
/// </summary>
public sealed class StyleVerbAliasTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-style-verbs-");

    public void Dispose() => dir.Dispose();

    private static string Cat => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "animal_cat_chelsea.png");

    private static string StarryNight => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "vangogh_starry_night.jpg");

    [Fact]
    public void HelpShowsOneStyleVerbWithItsSubcommandsAndHidesTheOldVerbs()
    {
        var root = CliTests.Cli("--help");
        Assert.Equal(0, root.Code);
        Assert.Contains("  style ", root.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stylize", root.Stdout, StringComparison.Ordinal);
        var style = CliTests.Cli("style", "--help");
        Assert.Equal(0, style.Code);
        foreach (var sub in new[] { "image", "audio", "volume", "grid", "train", "apply" })
        {
            Assert.Contains($"  {sub} ", style.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StylizeIsStyleImageWithADeprecationLine()
    {
        string[] options = ["--content", Cat, "--style", StarryNight, "--size", "32", "--steps", "2", "--json"];
        AssertSameRun(dir, "stylize", "style image", "png", options);
    }

    [Fact]
    public void AnOldVerbWithBadUsageStillNamesTheNewForm()
    {
        var (code, stdout, stderr) = CliTests.Cli("stylize-audio", "--content", dir.File("a.wav"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("'mlnetfaces style audio'", lines[0], StringComparison.Ordinal);
        Assert.Contains("--style", lines[1], StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <paramref name="newForm"/> and then <paramref name="oldVerb"/> with the same options: the new form prints
    /// nothing on stderr, the old verb one line naming the new form; the JSON documents have the same fields and the
    /// same values but for the output path and the timings.
    /// </summary>
    internal static void AssertSameRun(TempFolder dir, string oldVerb, string newForm, string extension, string[] options)
    {
        var newOut = dir.File("new." + extension);
        var oldOut = dir.File("old." + extension);
        var fresh = CliTests.Cli([.. newForm.Split(' '), .. options, "--out", newOut]);
        Assert.True(fresh.Code == 0, fresh.Stderr);
        Assert.Empty(fresh.Stderr.Trim());
        var old = CliTests.Cli([oldVerb, .. options, "--out", oldOut]);
        Assert.True(old.Code == 0, old.Stderr);
        var notice = Assert.Single(old.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mlnetfaces: warning: ", notice, StringComparison.Ordinal);
        Assert.Contains($"'{oldVerb}' is deprecated", notice, StringComparison.Ordinal);
        Assert.Contains($"'mlnetfaces {newForm}'", notice, StringComparison.Ordinal);
        Assert.True(File.Exists(newOut) && File.Exists(oldOut));
        var (expected, actual) = (Leaves(fresh.Stdout), Leaves(old.Stdout));
        Assert.Equal(expected.Select(l => l.Path), actual.Select(l => l.Path));
        foreach (var (want, got) in expected.Zip(actual))
        {
            if (want.Path is "output" or "seconds" or "seconds_per_step")
            {
                continue;
            }

            if (want.Number is { } a && got.Number is { } b)
            {
                Assert.True(Math.Abs(a - b) <= 1e-3 * Math.Max(1, Math.Abs(a)), $"{want.Path}: {a} vs {b}"); // the same run, up to thread timing in the float sums
            }
            else
            {
                Assert.Equal(want.Text, got.Text);
            }
        }
    }

    /// <summary>The JSON's leaves in order: their path, and their value as a number or as raw text.</summary>
    private static List<(string Path, double? Number, string Text)> Leaves(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var leaves = new List<(string, double?, string)>();
        Walk(json.RootElement, string.Empty, leaves);
        return leaves;
    }

    private static void Walk(JsonElement element, string path, List<(string, double?, string)> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", leaves);
                }

                break;
            default:
                leaves.Add((path, element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null, element.GetRawText()));
                break;
        }
    }
}

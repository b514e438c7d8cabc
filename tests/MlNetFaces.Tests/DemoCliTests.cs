namespace MlNetFaces.Tests;

/// <summary>The README's main job, <c>mlnetfaces demo</c>, in a fresh process.</summary>
[Trait("Category", "Slow")]
public sealed class DemoCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-demo-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void DemoWritesTheReportWithEverySection()
    {
        var (code, stdout, stderr) = CliTests.Cli("demo", "--out", dir.Path);

        Assert.True(code == 0, stderr);
        Assert.Contains("22 faces in 6 photos", stdout, StringComparison.Ordinal);
        var html = File.ReadAllText(dir.File("index.html"));
        Assert.Contains("Distances between all faces", html, StringComparison.Ordinal);
        Assert.Contains("One-shot identification", html, StringComparison.Ordinal);
        Assert.Contains("Neural style transfer", html, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("style.png")));

        // The mirrored copy of the enrolled photo: every face found again, each under its own name.
        var mirrored = stdout.Split('\n').Where(l => l.Contains("-mirrored#", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, mirrored.Count);
        Assert.DoesNotContain(mirrored, l => l.Contains("unknown", StringComparison.Ordinal));
        Assert.Equal(5, mirrored.Select(l => l.Split("->")[1].Trim().Split(' ')[0]).Distinct().Count());
    }
}

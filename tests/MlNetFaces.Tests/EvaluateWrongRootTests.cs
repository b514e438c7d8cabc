namespace MlNetFaces.Tests;

/// <summary><c>evaluate pairs</c> with a --root under which no image exists says so, instead of a protocol error.</summary>
public class EvaluateWrongRootTests
{
    [Fact]
    public void AWrongRootNamesTheFirstMissingFile()
    {
        using var dir = new TempFolder("mlnetfaces-evaluate-root-");
        var pairs = dir.File("pairs.tsv");
        File.WriteAllLines(pairs, ["a/1.jpg\ta/2.jpg\t1", "b/1.jpg\tb/2.jpg\t1", "a/1.jpg\tb/1.jpg\t0", "a/2.jpg\tb/2.jpg\t0"]);
        var (code, _, stderr) = CliTests.Cli("evaluate", "pairs", "--root", dir.Path, "--pairs", pairs);
        Assert.Equal(2, code);
        Assert.Contains("4 of 4 pairs could not be scored", stderr, StringComparison.Ordinal);
        Assert.Contains(dir.File("a", "1.jpg") + ": file not found", stderr, StringComparison.Ordinal);
        Assert.Contains("Is --root the folder", stderr, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text.Json;

namespace MlNetFaces.Tests.Identification;

/// <summary><c>evaluate identification</c> and <c>gallery calibrate</c> in fresh processes on a few LFW people.</summary>
[Trait("Category", "Slow")]
public sealed class IdentificationCliTests : IClassFixture<LfwSubsetFixture>, IDisposable
{
    private readonly LfwSubsetFixture lfw;
    private readonly TempFolder dir = new("mlnetfaces-ident-cli-");

    public IdentificationCliTests(LfwSubsetFixture lfw) => this.lfw = lfw;

    public void Dispose() => dir.Dispose();

    [SkippableFact]
    public void EvaluateIdentificationReportsRanksAndOpenSetRates()
    {
        var run = lfw.RunOrSkip();
        // People of the cached LFW subset: four with two or more images, three with one (copied to a temp folder).
        var byPerson = run.Plain.SelectMany(p => new[] { p.Pair.PathA, p.Pair.PathB }).Distinct()
            .GroupBy(p => Path.GetFileName(Path.GetDirectoryName(p)!)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var root = dir.File("people");
        foreach (var person in byPerson.Where(g => g.Count() >= 2).Take(4).Concat(byPerson.Where(g => g.Count() == 1).Take(3)))
        {
            Directory.CreateDirectory(Path.Combine(root, person.Key));
            foreach (var file in person.Take(3))
            {
                File.Copy(file, Path.Combine(root, person.Key, Path.GetFileName(file)));
            }
        }

        var (code, stdout, stderr) = CliTests.Cli("evaluate", "identification", "--root", root, "--cache", LfwSubsetFixture.CacheFolder, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var m = json.RootElement;
        Assert.Equal(4, m.GetProperty("gallery_identities").GetInt32());
        Assert.Equal(3, m.GetProperty("impostor_probes").GetInt32());
        Assert.InRange(m.GetProperty("genuine_probes").GetInt32(), 4, 8);
        Assert.Equal(4, m.GetProperty("cmc").GetArrayLength()); // rank never exceeds the gallery
        Assert.Equal(1.0, m.GetProperty("cmc")[3].GetDouble());
        Assert.InRange(m.GetProperty("rank1").GetDouble(), 0.75, 1.0);
        var openSet = m.GetProperty("open_set");
        Assert.Equal(2, openSet.GetArrayLength());
        Assert.Equal(0.01, openSet[0].GetProperty("far").GetDouble());
        Assert.InRange(openSet[0].GetProperty("dir").GetDouble(), 0, 1);
        Assert.Equal("flip", m.GetProperty("tta").GetProperty("kind").GetString());

        var missing = CliTests.Cli("evaluate", "identification", "--root", dir.File("nowhere"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("folder not found", missing.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void CalibrateStoresAThresholdThatMeetsTheTargetRate()
    {
        var run = lfw.RunOrSkip();
        var pairs = dir.File("pairs.tsv");
        File.WriteAllLines(pairs, run.Plain.Select(p => $"{p.Pair.PathA}\t{p.Pair.PathB}\t{(p.Pair.Same ? 1 : 0)}"));
        var db = dir.File("g.db");
        var line = JsonSerializer.Serialize(new { name = "someone", embedding = Enumerable.Repeat(0.1f, 128).ToArray() });
        File.WriteAllText(dir.File("one.jsonl"), line + "\n");
        Assert.Equal(0, CliTests.Cli("gallery", "import", "--db", db, dir.File("one.jsonl")).Code);

        var (code, stdout, stderr) = CliTests.Cli("gallery", "calibrate", "--db", db, "--pairs", pairs, "--far", "0.05", "--cache", LfwSubsetFixture.CacheFolder, "--json");

        Assert.True(code == 0, stderr);
        using var calibration = JsonDocument.Parse(stdout);
        var threshold = calibration.RootElement.GetProperty("threshold").GetDouble();
        Assert.InRange(threshold, 0.3, 0.8);
        Assert.InRange(calibration.RootElement.GetProperty("measured_far").GetDouble(), 0, 0.05);
        var different = run.Plain.Where(p => !p.Pair.Same).ToList();
        Assert.Equal(different.Count(p => p.Distance <= threshold) / (double)different.Count, calibration.RootElement.GetProperty("measured_far").GetDouble(), 6);

        var list = CliTests.Cli("gallery", "list", "--db", db, "--json");
        using var listed = JsonDocument.Parse(list.Stdout);
        Assert.True(listed.RootElement.GetProperty("calibrated").GetBoolean());
        Assert.Equal(threshold, listed.RootElement.GetProperty("threshold").GetDouble(), 6);
        Assert.Contains("target 0.05", listed.RootElement.GetProperty("threshold_source").GetString(), StringComparison.Ordinal);

        var tooStrict = CliTests.Cli("gallery", "calibrate", "--db", db, "--pairs", pairs, "--far", "0.001", "--cache", LfwSubsetFixture.CacheFolder);
        Assert.Equal(2, tooStrict.Code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"on {different.Count} different-person pairs"), tooStrict.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliTests.Cli("gallery", "calibrate", "--db", dir.File("none.db"), "--pairs", pairs).Code);
    }
}

using System.Diagnostics;
using System.Text.Json;
using MlNetFaces.Gallery;

namespace MlNetFaces.Tests.Gallery;

/// <summary><c>mlnetfaces gallery ...</c> in fresh processes: persistence, JSON contract, refusals, crash safety.</summary>
[Trait("Category", "Slow")]
public sealed class GalleryCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-gallery-cli-");

    private string Db => dir.File("g.db");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AGalleryOfTheOldWeightsIsRefusedWithHowToReadIt()
    {
        var ada = GalleryTestData.Crop(dir.Path, 1, [0]);
        var old = CliTests.Cli("gallery", "enroll", "--db", Db, "Ada", ada, "--weights", "faceapi");
        Assert.True(old.Code == 0, old.Stderr);

        var refused = CliTests.Cli("gallery", "identify", "--db", Db, ada);
        Assert.Equal(2, refused.Code);
        Assert.Contains("'face-api-1.7.15/face_recognition_model'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("re-enrol", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--weights faceapi", refused.Stderr, StringComparison.Ordinal);

        var (code, stdout, stderr) = CliTests.Cli("gallery", "identify", "--db", Db, ada, "--weights", "faceapi", "--json");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal("Ada", json.RootElement.GetProperty("images")[0].GetProperty("faces")[0].GetProperty("identity").GetString());
        }

        var list = CliTests.Cli("gallery", "list", "--db", Db);
        Assert.True(list.Code == 0, list.Stderr);
        Assert.Contains("model face-api-1.7.15/face_recognition_model", list.Stdout, StringComparison.Ordinal);

        var compat = CliTests.Cli("gallery", "identify", "--db", Db, ada, "--compat", "faceapi");
        Assert.Equal(2, compat.Code);
        Assert.Contains("'face-api-1.7.15/face_recognition_model+face-api-crop'", compat.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EnrolIdentifyRenameRemoveAcrossProcesses()
    {
        var ada = GalleryTestData.Crop(dir.Path, 1, [0]);
        var bob = GalleryTestData.Crop(dir.Path, 1, [1]);
        var stranger = GalleryTestData.Crop(dir.Path, 1, [2]);

        var enrolled = CliTests.Cli("gallery", "enroll", "--db", Db, "Ada", ada, "--json");
        Assert.True(enrolled.Code == 0, enrolled.Stderr);
        using (var json = JsonDocument.Parse(enrolled.Stdout))
        {
            Assert.Equal("Ada", json.RootElement.GetProperty("name").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("templates").GetInt32());
        }

        var second = CliTests.Cli("gallery", "enroll", "--db", Db, "Bob", bob);
        Assert.True(second.Code == 0, second.Stderr);
        Assert.Contains("2 identities", second.Stdout, StringComparison.Ordinal);

        // A new process finds both; the third person is "unknown" at a strict threshold.
        var (code, stdout, stderr) = CliTests.Cli("gallery", "identify", "--db", Db, ada, bob, stranger, "--threshold", "0.3", "--top", "2", "--json");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var images = json.RootElement.GetProperty("images");
            Assert.Equal(3, images.GetArrayLength());
            string[] expected = ["Ada", "Bob", GalleryMatch.Unknown];
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(images[i].GetProperty("path").GetString(), new[] { ada, bob, stranger }[i]);
                var face = Assert.Single(images[i].GetProperty("faces").EnumerateArray());
                Assert.Equal(4, face.GetProperty("box").GetArrayLength());
                Assert.Equal(expected[i], face.GetProperty("identity").GetString());
                var top = face.GetProperty("top");
                Assert.Equal(2, top.GetArrayLength());
                Assert.Equal(face.GetProperty("distance").GetDouble(), top[0].GetProperty("distance").GetDouble());
                Assert.True(top[0].GetProperty("distance").GetDouble() <= top[1].GetProperty("distance").GetDouble());
            }

            Assert.InRange(images[0].GetProperty("faces")[0].GetProperty("distance").GetDouble(), 0, 1e-4);
            Assert.Equal(0.3, json.RootElement.GetProperty("threshold").GetDouble());
            Assert.False(json.RootElement.GetProperty("calibrated").GetBoolean());
        }

        Assert.Equal(0, CliTests.Cli("gallery", "rename", "--db", Db, "Bob", "Robert").Code);
        Assert.Equal(0, CliTests.Cli("gallery", "remove", "--db", Db, "Ada").Code);
        var list = CliTests.Cli("gallery", "list", "--db", Db, "--json");
        Assert.True(list.Code == 0, list.Stderr);
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            var identity = Assert.Single(json.RootElement.GetProperty("identities").EnumerateArray());
            Assert.Equal("Robert", identity.GetProperty("name").GetString());
            Assert.Equal(GalleryEnrollment.PipelineModelId, json.RootElement.GetProperty("model_id").GetString());
            Assert.Equal(FaceGallery.CurrentSchemaVersion, json.RootElement.GetProperty("schema_version").GetInt32());
            Assert.Equal(FaceGallery.DefaultThreshold, json.RootElement.GetProperty("threshold").GetDouble());
        }

        // Human output says the default threshold is uncalibrated.
        var again = CliTests.Cli("gallery", "identify", "--db", Db, bob);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Contains("uncalibrated", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Robert", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalsExitWithTwoAndOneClearLine()
    {
        var ada = GalleryTestData.Crop(dir.Path, 1, [0]);
        Assert.Equal(0, Import(Db, GalleryEnrollment.PipelineModelId, ("Ada", GalleryTestData.Descriptor(1, 0))).Code);

        // Duplicate name (refused before any model work); no face in one of the photos (the two-face crop alone would
        // be enrolled with its central face, as verify chooses it).
        AssertRefused(CliTests.Cli("gallery", "enroll", "--db", Db, "Ada", ada), "'Ada' is already enrolled", "--replace");
        AssertRefused(CliTests.Cli("gallery", "enroll", "--db", Db, "Two", GalleryTestData.Crop(dir.Path, 1, [0, 1]), GalleryTestData.Grey(dir.Path)), "grey.png: no face found");
        AssertRefused(CliTests.Cli("gallery", "enroll", "--db", Db, "Nobody", GalleryTestData.Grey(dir.Path)), "grey.png: no face found");
        AssertRefused(CliTests.Cli("gallery", "remove", "--db", Db, "Zed"), "'Zed' is not in the gallery");
        AssertRefused(CliTests.Cli("gallery", "enroll", "--db", Db, "unknown", ada), "reserved");
        AssertRefused(CliTests.Cli("gallery", "list", "--db", dir.File("absent.db")), "no such gallery");
        Assert.False(File.Exists(dir.File("absent.db")));

        // A gallery of another embedding model is refused by every command that compares embeddings; listing it (to see
        // whom to re-enrol) works and names its model.
        var other = dir.File("other.db");
        Assert.Equal(0, Import(other, "some-other-net/v1", ("Ada", GalleryTestData.Descriptor(1, 0))).Code);
        AssertRefused(CliTests.Cli("gallery", "identify", "--db", other, ada, "--json"), "'some-other-net/v1'", "not comparable");
        var listed = CliTests.Cli("gallery", "list", "--db", other);
        Assert.True(listed.Code == 0, listed.Stderr);
        Assert.Contains("model some-other-net/v1", listed.Stdout, StringComparison.Ordinal);

        // A malformed import line names its line, and nothing of that import is kept.
        var bad = dir.File("bad.jsonl");
        File.WriteAllLines(bad, [Line("Eve", GalleryTestData.Descriptor(2, 0)), "{not json"]);
        AssertRefused(CliTests.Cli("gallery", "import", "--db", Db, bad), "bad.jsonl:2:");

        var list = CliTests.Cli("gallery", "list", "--db", Db, "--json");
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal("Ada", Assert.Single(json.RootElement.GetProperty("identities").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public void BenchGalleryReportsLatencyAndMemory()
    {
        var (code, stdout, stderr) = CliTests.Cli("bench", "gallery", "--sizes", "1000,3000", "--queries", "3", "--batches", "1", "--batch-size", "8", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var sizes = json.RootElement.GetProperty("sizes");
        Assert.Equal(2, sizes.GetArrayLength());
        Assert.Equal(3000, sizes[1].GetProperty("templates").GetInt32());
        foreach (var key in new[] { "single_ms_median", "single_ms_p99", "batch_ms_per_query_median", "batch_ms_per_query_p99", "index_mb" })
        {
            Assert.True(sizes[1].GetProperty(key).GetDouble() > 0, key);
        }
    }

    /// <summary>
    /// Kills <c>gallery import</c> in the middle of its transaction, after it has written pages into the database
    /// file, and shows the next open rolls the journal back: the gallery is exactly as before, and sound.
    /// </summary>
    [Fact]
    public void KillingAWriterMidTransactionLeavesTheGalleryIntact()
    {
        Assert.Equal(0, Import(Db, GalleryEnrollment.PipelineModelId, ("Ada", GalleryTestData.Descriptor(1, 0)), ("Bob", GalleryTestData.Descriptor(1, 1))).Code);
        var before = new FileInfo(Db).Length;
        var journal = Db + "-journal";

        using var child = Start("gallery", "import", "--db", Db, "-", "--append");
        var line = Line("Ada", GalleryTestData.Descriptor(2, 0)); // appends to Ada, and adds many new people
        var written = 0;
        var midWrite = false;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && !child.HasExited)
        {
            for (var i = 0; i < 500; i++, written++)
            {
                child.StandardInput.WriteLine(i == 0 && written == 0 ? line : Line($"p{written}", GalleryTestData.Descriptor(2 + (written % 4), 0)));
            }

            child.StandardInput.Flush();
            Thread.Sleep(20);
            if (File.Exists(journal) && new FileInfo(Db).Length > before)
            {
                midWrite = true;
                break;
            }
        }

        if (child.HasExited)
        {
            Assert.Fail("the importer ended before it could be interrupted: " + child.StandardError.ReadToEnd());
        }

        Assert.True(midWrite, $"no partial write seen after {written} lines");
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
        Assert.True(File.Exists(journal)); // a hot journal: the transaction never committed

        using (var gallery = GalleryEnrollment.OpenGallery(Db))
        {
            Assert.Equal("ok", gallery.IntegrityCheck());
            Assert.Equal(["Ada", "Bob"], gallery.List().Select(i => i.Name));
            Assert.Equal((2, 2), gallery.Count());
        }

        Assert.False(File.Exists(journal));
        Assert.Equal(before, new FileInfo(Db).Length);
        var list = CliTests.Cli("gallery", "list", "--db", Db);
        Assert.True(list.Code == 0, list.Stderr);
        Assert.Contains("2 identities, 2 templates", list.Stdout, StringComparison.Ordinal);
    }

    private static void AssertRefused((int Code, string Stdout, string Stderr) result, params string[] fragments)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Stderr}");
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("mlnetfaces:", StringComparison.Ordinal));
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, line, StringComparison.Ordinal);
        }
    }

    private (int Code, string Stdout, string Stderr) Import(string db, string modelId, params (string Name, float[] Embedding)[] rows)
    {
        var file = dir.File(Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(file, rows.Select(r => Line(r.Name, r.Embedding)));
        return CliTests.Cli("gallery", "import", "--db", db, file, "--model-id", modelId);
    }

    private static string Line(string name, float[] embedding) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["embedding"] = embedding });

    private static Process Start(params string[] args)
    {
        var config = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestPaths.RepoRoot, "src", "MlNetFaces.Cli", "bin", config, "net10.0", "mlnetfaces.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>bench gallery</c>: exact 1:N search over synthetic L2-normalised embeddings (galleries of 10^4, 10^5, 10^6
/// by default): median and p99 latency per query for single probes and batches of 64, and memory per 10^6 entries.
/// </summary>
internal static class GalleryBench
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Gallery sizes, comma-separated.", DefaultValueFactory = _ => "10000,100000,1000000" };
        var queries = new Option<int>("--queries") { Description = "Timed single-probe searches per size.", DefaultValueFactory = _ => 100 };
        var batches = new Option<int>("--batches") { Description = "Timed batches per size.", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Probes per batch.", DefaultValueFactory = _ => 64 };
        var dimension = new Option<int>("--dimension") { Description = "Embedding length.", DefaultValueFactory = _ => FaceRecognitionNet.DescriptorSize };
        var threads = new Option<int>("--threads") { Description = "Cores a search may use (0: all)." };
        var json = CommonOptions.Json();
        var command = new Command("gallery", "Time exact gallery search on synthetic embeddings.") { sizes, queries, batches, batchSize, dimension, threads, json };
        command.SetAction(parse =>
        {
            var sizeList = ParseSizes(parse.GetValue(sizes)!);
            var q = parse.GetValue(queries);
            var b = parse.GetValue(batches);
            var bs = parse.GetValue(batchSize);
            var d = parse.GetValue(dimension);
            if (q < 1 || b < 1 || bs < 1 || d < 1)
            {
                throw new UsageException("--queries, --batches, --batch-size and --dimension must be at least 1.");
            }

            var parallelism = parse.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount;

            var results = sizeList.Select(n => Measure(n, d, q, b, bs, parallelism, parse.GetValue(json))).ToList();
            var document = new Dictionary<string, object>
            {
                ["dimension"] = d,
                ["threads"] = parallelism,
                ["processors"] = Environment.ProcessorCount,
                ["simd_floats"] = System.Numerics.Vector<float>.Count,
                ["batch_size"] = bs,
                ["sizes"] = results,
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(document));
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static List<int> ParseSizes(string text)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 2e8)
            {
                throw new UsageException($"--sizes: '{part}' is not a gallery size (1 .. 2e8).");
            }

            result.Add((int)value);
        }

        return result.Count > 0 ? result : throw new UsageException("--sizes is empty.");
    }

    private static Dictionary<string, object> Measure(int n, int dimension, int queries, int batches, int batchSize, int parallelism, bool quiet)
    {
        Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var random = new Random(n);
        var build = Stopwatch.StartNew();
        using var index = new GalleryIndex(
            n,
            dimension,
            (row, values) => RandomUnit(new Random(unchecked((n * 1_000_003) + row)), values),
            Enumerable.Range(0, n).ToArray(),
            new LazyNames(n),
            new GalleryThreshold(FaceGallery.DefaultThreshold, false, "bench"),
            "synthetic");
        var buildSeconds = build.Elapsed.TotalSeconds;
        Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;

        // Probes: random unit vectors; plus probes near known templates (noise of norm ~0.1) that must find them.
        var rows = Enumerable.Range(0, 8).Select(_ => random.Next(n)).ToArray();
        var nearRows = rows.Select(r =>
        {
            var v = new float[dimension];
            RandomUnit(new Random(unchecked((n * 1_000_003) + r)), v);
            var noise = new float[dimension];
            RandomUnit(random, noise);
            return v.Zip(noise, (a, e) => a + (0.1f * e)).ToArray();
        }).ToList();
        var probes = Enumerable.Range(0, Math.Max(queries, batchSize * batches)).Select(_ =>
        {
            var v = new float[dimension];
            RandomUnit(random, v);
            return v;
        }).ToArray();
        var found = index.Search(nearRows, 1);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = "id" + rows[i].ToString("D7", CultureInfo.InvariantCulture);
            if (found[i].Identity != expected)
            {
                throw new InvalidOperationException($"Self-check failed: a probe near template {expected} found {found[i].Identity} at {found[i].Distance}.");
            }
        }

        index.Search(probes[0]);
        var single = new double[queries];
        for (var i = 0; i < queries; i++)
        {
            var clock = Stopwatch.StartNew();
            index.Search(probes[i]);
            single[i] = clock.Elapsed.TotalMilliseconds;
        }

        index.Search(probes.Take(batchSize).ToList());
        var batch = new double[batches];
        for (var i = 0; i < batches; i++)
        {
            var chunk = probes.Skip((i * batchSize) % (probes.Length - batchSize + 1)).Take(batchSize).ToList();
            var clock = Stopwatch.StartNew();
            index.Search(chunk);
            batch[i] = clock.Elapsed.TotalMilliseconds;
        }

        var indexMb = index.MatrixBytes / 1048576.0;
        var rssMb = (after - before) / 1048576.0;
        var result = new Dictionary<string, object>
        {
            ["templates"] = n,
            ["build_seconds"] = Round(buildSeconds),
            ["single_ms_median"] = Round(Percentile(single, 0.5)),
            ["single_ms_p99"] = Round(Percentile(single, 0.99)),
            ["batch_ms_per_query_median"] = Round(Percentile(batch, 0.5) / batchSize),
            ["batch_ms_per_query_p99"] = Round(Percentile(batch, 0.99) / batchSize),
            ["batch_ms_median"] = Round(Percentile(batch, 0.5)),
            ["batch_ms_p99"] = Round(Percentile(batch, 0.99)),
            ["index_mb"] = Round(indexMb),
            ["rss_delta_mb"] = Round(rssMb),
            ["rss_mb_per_million"] = Round(rssMb * 1e6 / n),
            ["queries_per_second_batched"] = Round(1000.0 * batchSize / Percentile(batch, 0.5)),
        };
        if (!quiet)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{n,10:N0} templates  single: median {result["single_ms_median"]} ms, p99 {result["single_ms_p99"]} ms  |  batch of {batchSize}: median {result["batch_ms_per_query_median"]} ms/query "
                + $"(p99 {result["batch_ms_per_query_p99"]}), {result["queries_per_second_batched"]} queries/s  |  index {result["index_mb"]} MB, RSS +{result["rss_delta_mb"]} MB ({result["rss_mb_per_million"]} MB per 10^6)"));
        }

        return result;
    }

    /// <summary>A random direction (Gaussian components, Box–Muller), L2-normalised.</summary>
    private static void RandomUnit(Random random, Span<float> values)
    {
        double norm = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var u = 1.0 - random.NextDouble();
            var g = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = (float)g;
            norm += g * g;
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>Names "id0000001" made on demand, so the benchmark measures the index rather than a million strings.</summary>
    private sealed class LazyNames(int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index] => "id" + index.ToString("D7", CultureInfo.InvariantCulture);

        public IEnumerator<string> GetEnumerator() => Enumerable.Range(0, count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

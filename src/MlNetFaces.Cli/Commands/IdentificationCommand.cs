using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.MachineLearning;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;
using MlNetFaces.IO;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>evaluate identification --root DIR</c>: the open-set 1:N protocol on a folder-per-person dataset (LFW:
/// first image of each person with two or more enrolled, their other images as genuine probes, the one-image
/// people as impostors): rank-1/5, CMC, DIR at FAR 1% and 0.1%, plain and with flip test-time augmentation.
/// </summary>
internal static class IdentificationCommand
{
    private static readonly JsonSerializerOptions Indented = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "Folder with one sub-folder of images per person.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write metrics.json, cmc.html and cmc.png here." };
        var cache = new Option<string?>("--cache") { Description = $"Embedding cache folder (default ${EmbeddingCache.EnvironmentVariable} or ~/.cache/mlnetfaces/embeddings)." };
        var maxRank = new Option<int>("--max-rank") { Description = "Longest rank of the CMC curve.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var command = faceOptions.AddTo(new Command("identification", "Open-set 1:N identification: one enrolled image per person, the rest as probes, one-image people as impostors.")
        {
            root, output, cache, maxRank, json,
        });
        // Runs off the invoking thread, so that System.CommandLine can cancel the token on Ctrl+C while it works.
        command.SetAction((parse, cancellationToken) => Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            if (parse.GetValue(maxRank) < 1)
            {
                throw new UsageException("--max-rank must be at least 1.");
            }

            IdentificationSet set;
            try
            {
                set = IdentificationSet.FromFolders(parse.GetValue(root)!);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or InvalidDataException)
            {
                throw new UsageException(ex.Message, ex);
            }

            var pipeline = new FacePipeline(faceOptions.Central(parse));
            using var embeddingCache = new EmbeddingCache(FaceEmbedder.CacheId(pipeline), parse.GetValue(cache));
            EmbeddingRun embeddings;
            using (var bar = new ProgressBar("embedding images", 1))
            {
                embeddings = new FaceEmbedder(pipeline, embeddingCache).Embed(set.AllPaths, bar, cancellationToken);
            }

            var run = IdentificationRun.Score(set, embeddings, parse.GetValue(maxRank), cancellationToken: cancellationToken);
            var metrics = IdentificationJson.From(run, clock.Elapsed.TotalSeconds);
            if (parse.GetValue(output) is { } outDir)
            {
                Write(outDir, metrics, run);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(metrics);
            }
            else
            {
                Print(metrics);
            }

            return CliApp.Ok;
        }, cancellationToken));
        return command;
    }

    private static void Write(string folder, IdentificationJson metrics, IdentificationRun run)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new { metrics, failed_items = run.Failed }, Indented));
        var chart = Charts.Cmc(new Dictionary<string, IReadOnlyList<double>> { ["plain"] = run.Plain.Cmc, ["flip TTA"] = run.Flip.Cmc }, "face identification");
        Charts.SaveHtml(chart, Path.Combine(folder, "cmc.html"));
        if (ChartPng.TrySave(chart, Path.Combine(folder, "cmc.png")) is { } whyNot)
        {
            Console.Error.WriteLine($"cmc.png not written: {whyNot}.");
        }

        Console.Error.WriteLine($"wrote metrics.json, cmc.html{(File.Exists(Path.Combine(folder, "cmc.png")) ? ", cmc.png" : string.Empty)} to {Path.GetFullPath(folder)}");
    }

    private static void Print(IdentificationJson m)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"gallery {m.GalleryIdentities} people, {m.GenuineProbes} genuine probes, {m.ImpostorProbes} impostor probes, failed {m.Failed}"));
        Console.WriteLine(string.Create(c, $"{"",-22} {"plain",-10} flip TTA"));
        Console.WriteLine(string.Create(c, $"{"rank-1",-22} {100 * m.Rank1,-10:0.00} {100 * m.Tta.Rank1:0.00}"));
        Console.WriteLine(string.Create(c, $"{"rank-5",-22} {100 * m.Rank5,-10:0.00} {100 * m.Tta.Rank5:0.00}"));
        for (var i = 0; i < m.OpenSet.Count; i++)
        {
            var (p, t) = (m.OpenSet[i], m.Tta.OpenSet[i]);
            Console.WriteLine(string.Create(c, $"{$"DIR@FAR={p.Far:0.###}",-22} {100 * p.Dir,-10:0.00} {100 * t.Dir:0.00}   (threshold {p.Threshold:0.0000} / {t.Threshold:0.0000})"));
        }

        Console.WriteLine(string.Create(c, $"{m.Seconds:0.0} s"));
    }
}

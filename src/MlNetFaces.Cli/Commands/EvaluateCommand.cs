using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.MachineLearning;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Cli.Commands;

/// <summary><c>evaluate lfw</c> and <c>evaluate pairs</c>: verification metrics with the 10-fold protocol.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        return new Command("evaluate", "Evaluate face verification on labelled pairs.")
        {
            Build("lfw", "LFW View 2: 10 person-disjoint folds from pairs.txt.", lfw: true),
            Build("pairs", "Pairs from a TSV file (a<TAB>b<TAB>label, '#' comments); 10 folds by line index.", lfw: false),
            IdentificationCommand.Create(),
            OneShotCommand.Create(),
        };
    }

    private static Command Build(string name, string description, bool lfw)
    {
        var root = new Option<string>("--root") { Description = "Folder the image paths are relative to.", Required = true };
        var pairs = new Option<string?>("--pairs") { Description = lfw ? "pairs.txt (default: pairs.txt beside --root)." : "The TSV pairs file.", Required = !lfw };
        var output = new Option<string?>("--out") { Description = "Write metrics.json, roc.html, roc.png and model.zip here." };
        var cache = new Option<string?>("--cache") { Description = $"Embedding cache folder (default ${EmbeddingCache.EnvironmentVariable} or ~/.cache/mlnetfaces/embeddings)." };
        var model = new Option<string?>("--model") { Description = "A trained embedding model zip (from 'train') to embed with instead of the pretrained net." };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var command = faceOptions.AddTo(new Command(name, description) { root, pairs, output, cache, model, json });
        // Runs off the invoking thread, so that System.CommandLine can cancel the token on Ctrl+C while it works.
        command.SetAction((parse, cancellationToken) => Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var rootDir = parse.GetValue(root)!;
            if (!Directory.Exists(rootDir))
            {
                throw new UsageException($"{rootDir}: folder not found.");
            }

            var pairsPath = parse.GetValue(pairs) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rootDir))!, "pairs.txt");
            OutputGuard.RefuseInFolder([pairsPath, parse.GetValue(model)], parse.GetValue(output), ["metrics.json", "roc.html", "roc.png", "model.zip"], "--out");
            var read = lfw ? PairsFile.ReadLfw(pairsPath, rootDir) : PairsFile.ReadTsv(pairsPath, rootDir);
            RequireBothClasses(read, pairsPath);

            var trained = parse.GetValue(model) is { } modelPath ? LoadTrained(modelPath) : null;
            var options = faceOptions.Central(parse);
            var run = trained is null
                ? ScorePretrained(read, options, parse.GetValue(cache), cancellationToken)
                : ScoreTrained(read, trained, cancellationToken);
            RequireScoredPairs(run, read);
            var plain = VerificationProtocol.Run(run.Plain, cancellationToken: cancellationToken);
            var flip = VerificationProtocol.Run(run.Flip, cancellationToken: cancellationToken);
            var metrics = EvaluationJson.From(run, plain, flip, clock.Elapsed.TotalSeconds);
            if (parse.GetValue(output) is { } outDir)
            {
                EvaluationOutput.Write(outDir, metrics, run, plain, flip, options, trained);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(metrics);
            }
            else
            {
                Print(metrics, run);
            }

            return CliApp.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Refuses a pairs file with no pairs, or with pairs of one class only (no ROC curve can be drawn).</summary>
    internal static void RequireBothClasses(PairsReadResult read, string pairsPath)
    {
        if (read.Pairs.Count == 0)
        {
            throw new UsageException($"{pairsPath}: no pairs could be read ({read.Problems.Count} malformed line(s)).");
        }

        var same = read.Pairs.Count(p => p.Same);
        if (same == 0 || same == read.Pairs.Count)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{pairsPath}: all {read.Pairs.Count} pairs are {(same == 0 ? "different" : "same")}-person pairs; evaluation needs both same- and different-person pairs."));
        }
    }

    /// <summary>
    /// Refuses a run in which too few pairs could be scored for the protocol (both classes need two), naming the first
    /// failure: most often a --root that is not the folder the pairs' paths are relative to.
    /// </summary>
    internal static void RequireScoredPairs(VerificationRun run, PairsReadResult read)
    {
        var same = run.Plain.Count(p => p.Pair.Same);
        if (same >= 2 && run.Plain.Count - same >= 2)
        {
            return;
        }

        var first = run.Failed.Count > 0 ? run.Failed[0] : "no failure was recorded";
        var hint = first.EndsWith("file not found", StringComparison.Ordinal) ? " Is --root the folder the pairs' paths are relative to?" : string.Empty;
        throw new UsageException(string.Create(
            CultureInfo.InvariantCulture,
            $"{read.Pairs.Count - run.Plain.Count} of {read.Pairs.Count} pairs could not be scored, too few are left for the protocol ({same} same-person, {run.Plain.Count - same} different-person); the first: {first}.{hint}"));
    }

    /// <summary>Embeds the pairs' images with the pretrained nets (cached) and scores the pairs; a cancelled run keeps what it cached.</summary>
    internal static VerificationRun ScorePretrained(PairsReadResult read, FacePipelineOptions options, string? cache, CancellationToken cancellationToken = default)
    {
        var pipeline = new FacePipeline(options);
        using var embeddings = new EmbeddingCache(FaceEmbedder.CacheId(pipeline), cache);
        using var bar = new ProgressBar("embedding images", 1);
        return VerificationRun.Score(read, pipeline, embeddings, bar, cancellationToken);
    }

    /// <summary>Embeddings from a trained model zip (no flipped descriptor: the flip-TTA figures equal the plain ones).</summary>
    private static VerificationRun ScoreTrained(PairsReadResult read, TrainedEmbeddingModel trained, CancellationToken cancellationToken)
    {
        using var bar = new ProgressBar("embedding images", 1);
        return VerificationRun.FromEmbeddings(read, trained.EmbedRun(read.Pairs.SelectMany(p => new[] { p.PathA, p.PathB }), bar, cancellationToken));
    }

    /// <summary>A trained embedding model zip; a missing or foreign file is bad usage.</summary>
    internal static TrainedEmbeddingModel LoadTrained(string path)
    {
        try
        {
            return TrainedEmbeddingModel.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static void Print(EvaluationJson m, VerificationRun run)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"pairs {m.Pairs}, failed {m.Failed}"));
        foreach (var line in run.Failed.Take(10))
        {
            Console.WriteLine("  excluded: " + line);
        }

        if (run.Failed.Count > 10)
        {
            Console.WriteLine(string.Create(c, $"  ... and {run.Failed.Count - 10} more (see metrics.json with --out)"));
        }

        Console.WriteLine(string.Create(c, $"{"",-22} {"plain",-18} flip TTA"));
        Console.WriteLine(string.Create(c, $"{"accuracy (threshold)",-22} {Pct(m.AccuracyMean, m.AccuracyStd),-18} {Pct(m.Tta.AccuracyMean, m.Tta.AccuracyStd)}"));
        Console.WriteLine(string.Create(c, $"{"accuracy (classifier)",-22} {Pct(m.ClassifierAccuracyMean, m.ClassifierAccuracyStd),-18} {Pct(m.Tta.ClassifierAccuracyMean, m.Tta.ClassifierAccuracyStd)}"));
        Console.WriteLine(string.Create(c, $"{"AUC",-22} {m.Auc,-18:0.00000} {m.Tta.Auc:0.00000}"));
        Console.WriteLine(string.Create(c, $"{"EER",-22} {m.Eer,-18:0.0000} {m.Tta.Eer:0.0000}"));
        Console.WriteLine(string.Create(c, $"{"TAR@FAR=1e-3",-22} {m.TarAtFar["0.001"],-18:0.0000} {m.Tta.TarAtFar["0.001"]:0.0000}"));
        Console.WriteLine(string.Create(c, $"{"TAR@FAR=1e-2",-22} {m.TarAtFar["0.01"],-18:0.0000} {m.Tta.TarAtFar["0.01"]:0.0000}"));
        Console.WriteLine(string.Create(c, $"{"threshold (distance)",-22} {m.Threshold,-18:0.0000} {m.Tta.Threshold:0.0000}"));
        Console.WriteLine(string.Create(c, $"{m.Seconds:0.0} s"));
    }

    private static string Pct(double mean, double std) => string.Create(CultureInfo.InvariantCulture, $"{100 * mean:0.00}% ± {100 * std:0.00}");
}

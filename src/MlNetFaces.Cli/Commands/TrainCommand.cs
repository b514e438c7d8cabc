using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MlNetFaces.MachineLearning;
using MlNetFaces.Training;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>train</c>: learn a face embedding from a folder per identity; writes a model zip that <c>evaluate --model</c> reads.
/// Ctrl+C stops the cropping or the training between two steps (exit 130, no model written; the checkpoint keeps the
/// last completed epoch).
/// </summary>
internal static class TrainCommand
{
    /// <summary>The JSON lists the first problems only (all are counted in "skipped").</summary>
    private const int MaxListedProblems = 50;

    public static Command Create()
    {
        var o = new TrainOptions();
        var json = CommonOptions.Json();
        var device = CommonOptions.Device();
        var models = CommonOptions.Models();
        var command = new Command("train", "Train a face embedding (triplet or contrastive loss, online mining) on a folder per identity.");
        foreach (var option in o.All().Append(json).Append(device).Append(models))
        {
            command.Options.Add(option);
        }

        // Runs off the invoking thread, so that System.CommandLine can cancel the token on Ctrl+C while it works.
        command.SetAction((parse, cancellationToken) => Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var quiet = parse.GetValue(json);
            var loss = parse.GetValue(o.Loss) switch { "soft-triplet" => LossKind.SoftTriplet, "contrastive" => LossKind.Contrastive, _ => LossKind.Triplet };
            var mining = parse.GetValue(o.Mining) switch { "batch-hard" => MiningStrategy.BatchHard, "batch-all" => MiningStrategy.BatchAll, _ => MiningStrategy.SemiHard };
            var crop = TrainOptions.ParseCrop(parse.GetValue(o.Crop)!);
            var source = parse.GetValue(o.From) == "pretrained" ? NetworkSource.Pretrained : NetworkSource.Scratch;
            var options = Options(parse, o, loss, mining, source, device);
            if (options.Epochs == 0)
            {
                return WriteUntrained(parse.GetValue(o.Out)!, options, crop, parse.GetValue(o.Loss)!, MiningName(loss, parse.GetValue(o.Mining)!), CommonOptions.Store(parse.GetValue(models)), quiet);
            }

            var images = ReadImages(parse.GetValue(o.Data)!, parse.GetValue(o.ExcludePairs), parse.GetValue(o.ExcludeFold), out var excluded);
            var store = CommonOptions.Store(parse.GetValue(models));
            var cropper = new FaceCropper(crop, new FaceCropCache(parse.GetValue(o.Crops)), new Faces.FacePipelineOptions { Store = store, Device = parse.GetValue(device)! });
            FaceCropDataset data;
            using (var bar = new ProgressBar("cropping faces", images.Count))
            {
                data = FaceCropDataset.Build(images, cropper, Math.Max(2, parse.GetValue(o.MinImages)), parse.GetValue(o.MaxImages) ?? int.MaxValue, bar, cancellationToken);
            }

            if (data.Identities.Count < 2)
            {
                throw new UsageException($"{parse.GetValue(o.Data)}: fewer than 2 identities with 2 or more usable images ({data.Problems.Count} problem(s), e.g. {(data.Problems.Count > 0 ? data.Problems[0] : "none")}).");
            }

            // Logs and progress go to stderr, with or without --json.
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{data.Identities.Count} identities, {data.Count} images; {data.Problems.Count} skipped{(excluded > 0 ? $", {excluded} excluded people" : string.Empty)}"));
                foreach (var problem in data.Problems.Take(5))
                {
                    Console.Error.WriteLine("  skipped: " + problem);
                }
            }

            TrainingResult result;
            try
            {
                var printer = new TrainingProgressPrinter();
                result = TripletTrainer.Train(data, options, printer, printer, store, printer, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine(options.CheckpointPath is { } checkpoint && File.Exists(checkpoint)
                    ? $"training cancelled: no model written; {checkpoint} holds the last completed epoch (--resume continues from it)"
                    : "training cancelled: no model written");
                throw;
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var info = new TrainedEmbeddingInfo(crop, options.Network, parse.GetValue(o.Loss)!, MiningName(loss, parse.GetValue(o.Mining)!), result.SelectedEpoch, result.Steps, result.Seconds, data.Identities.Count, data.Count);
            var outPath = parse.GetValue(o.Out)!;
            TrainedEmbeddingModel.Create(result.Network, info).Save(outPath);
            var report = new TrainJson(
                Path.GetFullPath(outPath), info.Loss, info.Mining, parse.GetValue(o.From)!, parse.GetValue(o.Crop)!, data.Identities.Count, data.Count,
                data.Problems.Count, data.Problems.Take(MaxListedProblems).ToList(), result.Epochs, result.Steps, Math.Round(result.Seconds, 1), Math.Round(clock.Elapsed.TotalSeconds, 1),
                result.EpochLosses.Select(l => Math.Round(l, 5)).ToList(), result.StoppedByTimeLimit, result.Warnings,
                result.Validation.Select(v => new ValidationJson(v.Epoch, Math.Round(v.Auc, 6), Math.Round(v.BalancedAccuracy, 6))).ToList(), result.SelectedEpoch);
            if (quiet)
            {
                JsonOutput.Write(report);
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {report.Model}: {result.Epochs} epochs, {result.Steps} steps in {result.Seconds:0} s; last epoch loss {(result.EpochLosses.Count > 0 ? result.EpochLosses[^1] : double.NaN):0.0000}{(result.Validation.Count > 0 ? $"; weights of epoch {result.SelectedEpoch} (best on validation)" : string.Empty)}"));
            }

            return CliApp.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Epochs without --epochs or --minutes.</summary>
    private const int DefaultEpochs = 10;

    /// <summary>The contrastive loss mines nothing: it uses every pair of the batch.</summary>
    private static string MiningName(LossKind loss, string mining) => loss == LossKind.Contrastive ? "all-pairs" : mining;

    private static TripletTrainingOptions Options(ParseResult parse, TrainOptions o, LossKind loss, MiningStrategy mining, NetworkSource source, Option<string> device)
    {
        var margin = parse.GetValue(o.Margin);
        return new TripletTrainingOptions
        {
            LossOptions = new EmbeddingLossOptions { Loss = loss, Mining = mining, Margin = margin ?? 0.2, ContrastiveMargin = margin ?? 1.0 },
            Network = new EmbeddingNetworkSpec(source, parse.GetValue(o.EmbeddingDim), parse.GetValue(o.ImageSize), parse.GetValue(o.Width), !parse.GetValue(o.NoNormalize)),
            P = parse.GetValue(o.P),
            K = parse.GetValue(o.K),
            Epochs = parse.GetValue(o.Epochs) ?? (parse.GetValue(o.Minutes) is null ? DefaultEpochs : int.MaxValue),
            TimeLimit = parse.GetValue(o.Minutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            LearningRate = parse.GetValue(o.LearningRate),
            WeightDecay = parse.GetValue(o.WeightDecay),
            FrozenEpochs = parse.GetValue(o.FrozenEpochs),
            Seed = parse.GetValue(o.Seed),
            Device = parse.GetValue(device)!,
            CheckpointPath = parse.GetValue(o.Checkpoint),
            Resume = parse.GetValue(o.Resume),
            Augment = !parse.GetValue(o.NoAugment),
            ValidationFraction = parse.GetValue(o.Validation),
        };
    }

    /// <summary><c>--epochs 0</c>: the initial net (random, or the pretrained trunk with its own projection) as a model zip.</summary>
    private static int WriteUntrained(string outPath, TripletTrainingOptions options, FaceCropMode crop, string loss, string mining, Models.ModelStore? store, bool quiet)
    {
        Torch.TorchRuntime.EnsureLoaded();
        TorchSharp.torch.manual_seed(options.Seed);
        var net = EmbeddingNetworks.Create(options.Network, store);
        var info = new TrainedEmbeddingInfo(crop, options.Network, loss, mining, 0, 0, 0, 0, 0);
        TrainedEmbeddingModel.Create(net, info).Save(outPath);
        if (quiet)
        {
            JsonOutput.Write(new TrainJson(Path.GetFullPath(outPath), loss, mining, options.Network.Source.ToString().ToLowerInvariant(), FaceCropper.ModeId(crop), 0, 0, 0, [], 0, 0, 0, 0, [], false, [], [], 0));
        }
        else
        {
            Console.WriteLine($"wrote {Path.GetFullPath(outPath)}: the untrained initial net");
        }

        return CliApp.Ok;
    }

    private static List<(string Identity, string Path)> ReadImages(string root, string? excludePairs, int excludeFold, out int excluded)
    {
        if (!Directory.Exists(root))
        {
            throw new UsageException($"{root}: folder not found.");
        }

        var images = FaceCropDataset.ListFolders(root);
        excluded = 0;
        if (excludePairs is null)
        {
            return images;
        }

        if (!File.Exists(excludePairs))
        {
            throw new UsageException($"{excludePairs}: pairs file not found.");
        }

        var people = LfwFoldPeople.InFold(excludePairs, excludeFold);
        excluded = images.Select(i => i.Identity).Distinct().Count(people.Contains);
        return images.Where(i => !people.Contains(i.Identity)).ToList();
    }
}

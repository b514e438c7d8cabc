using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.MachineLearning;
using MlNetFaces.StyleTransfer;
using MlNetFaces.StyleTransfer.Fast;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>style train --content-dir D --style S --out model.zip</c> trains a fast feed-forward style network and saves it as
/// an ML.NET model zip; <c>style apply --model model.zip IMAGE... --out DIR</c> loads that zip and stylises in one pass.
/// </summary>
internal static class FastStyleCommands
{
    /// <summary>The <c>style train</c> subcommand.</summary>
    public static Command CreateTrain()
    {
        var contentDir = new Option<string>("--content-dir") { Description = "Folder of content images to train on.", Required = true };
        var style = new Option<string>("--style") { Description = "The style image.", Required = true };
        var output = new Option<string>("--out") { Description = "Model zip to write.", Required = true };
        var size = new Option<int>("--size") { Description = "Side of the square images the saved model stylises (multiple of 4).", DefaultValueFactory = _ => 512 };
        var iterations = new Option<int>("--iterations") { Description = "Adam steps.", DefaultValueFactory = _ => 400 };
        var batch = new Option<int>("--batch") { Description = "Content crops per step.", DefaultValueFactory = _ => 2 };
        var crop = new Option<int>("--crop") { Description = "Side of the training crops (multiple of 4).", DefaultValueFactory = _ => 256 };
        var alpha = new Option<double>("--alpha") { Description = "Content weight α.", DefaultValueFactory = _ => StyleTransferOptions.DefaultAlpha };
        var beta = new Option<double>("--beta") { Description = "Style weight β.", DefaultValueFactory = _ => StyleTransferOptions.DefaultBeta };
        var tv = new Option<double>("--tv") { Description = "Total-variation weight.", DefaultValueFactory = _ => new FastStyleOptions().TotalVariationWeight };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var width = new Option<int>("--width") { Description = "Channels of the first layer (Johnson et al.: 32).", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seed of weights and crops.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("train", "Train a fast feed-forward style network for one style and save it as a model zip.")
        {
            contentDir, style, output, size, iterations, batch, crop, alpha, beta, tv, lr, width, seed, json,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(contentDir)!;
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"{folder}: folder not found.");
            }

            var paths = Directory.GetFiles(folder).Where(ImageDecoder.IsImageFile).Order(StringComparer.Ordinal).ToList();
            if (paths.Count == 0)
            {
                throw new UsageException($"{folder}: no images (JPEG, PNG, BMP, GIF, WebP, PGM) to train on.");
            }

            OutputGuard.Refuse([parse.GetValue(style), .. paths], parse.GetValue(output), "--out");
            var styleImage = ImageDecoder.Load(parse.GetValue(style)!);
            paths.ForEach(p => ImageDecoder.Load(p)); // a corrupt content image fails now, with its name, not mid-training
            var bar = new ProgressBar("training", parse.GetValue(iterations));
            StyleLosses? last = null;
            var options = new FastStyleOptions
            {
                Iterations = parse.GetValue(iterations),
                BatchSize = parse.GetValue(batch),
                CropSize = parse.GetValue(crop),
                StyleSize = parse.GetValue(crop),
                Alpha = parse.GetValue(alpha),
                Beta = parse.GetValue(beta),
                TotalVariationWeight = parse.GetValue(tv),
                LearningRate = parse.GetValue(lr),
                Width = parse.GetValue(width),
                Seed = parse.GetValue(seed),
                Progress = p =>
                {
                    last = p.Losses;
                    bar.Advance();
                },
            };
            var ml = new MLContext(seed: parse.GetValue(seed));
            FastStyleEstimator estimator;
            try
            {
                options.Validate();
                estimator = ml.Transforms.TrainFastStyle(styleImage, options, parse.GetValue(size));
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            ITransformer model;
            using (bar)
            {
                try
                {
                    model = estimator.Fit(ml.Data.LoadFromEnumerable(paths.Select(p => new FastStyleModel.ImagePathRow { ImagePath = Path.GetFullPath(p) }).ToList()));
                }
                catch (InvalidOperationException ex) when (ex.Message.StartsWith("Training diverged", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("mlnetfaces: " + ex.Message);
                    return CliApp.Failure;
                }
            }

            var outPath = parse.GetValue(output)!;
            FastStyleModel.Save(ml, model, outPath);
            var history = estimator.LastTraining!.History;
            var result = new StyleTrainJson(
                outPath,
                paths.Count,
                options.Iterations,
                Math.Round(estimator.LastTraining.Seconds, 1),
                [history[0].Content, history[^1].Content],
                [history[0].Style, history[^1].Style],
                [history[0].Total, history[^1].Total],
                Math.Round(history.TakeLast(Math.Min(20, history.Count)).Average(h => h.Total), 2));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(result);
            }
            else
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"trained on {paths.Count} images, {options.Iterations} steps in {result.Seconds:0} s; loss per image {result.TotalLoss[0]:G4} -> {result.TotalLoss[1]:G4} (style {result.StyleLoss[0]:G3} -> {result.StyleLoss[1]:G3}); wrote {outPath}"));
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The <c>style apply</c> subcommand.</summary>
    public static Command CreateApply()
    {
        var model = new Option<string>("--model") { Description = "A model zip written by 'style train'.", Required = true };
        var images = CommonOptions.Images();
        var output = new Option<string>("--out") { Description = "Folder for the stylised images (<name>.png).", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("apply", "Stylise images with a trained fast style model (one forward pass each).") { model, images, output, json };
        command.SetAction(parse =>
        {
            var zip = parse.GetValue(model)!;
            if (!File.Exists(zip))
            {
                throw new UsageException($"{zip}: file not found.");
            }

            var paths = parse.GetValue(images)!;
            var outDir = parse.GetValue(output)!;
            string[] inputs = [zip, .. paths];
            OutputGuard.Refuse(inputs, outDir, "--out");
            OutputGuard.RefuseInFolder(inputs, outDir, paths.Select(p => Path.GetFileNameWithoutExtension(p) + ".png"), "--out");
            var targets = paths.Select(p => Path.GetFullPath(Path.Combine(outDir, Path.GetFileNameWithoutExtension(p) + ".png"))).ToList();
            if (targets.Distinct(StringComparer.Ordinal).Count() < targets.Count)
            {
                throw new UsageException($"{outDir}: two inputs have the same name, so one result would replace the other; stylise them into separate folders.");
            }

            foreach (var path in paths)
            {
                ImageDecoder.Load(path); // missing or corrupt input: exit 2 before the model loads
            }

            var ml = new MLContext();
            ITransformer transformer;
            try
            {
                transformer = ml.Model.Load(zip, out _);
                FastStyleModel.SizeOf(transformer, ml);
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or ArgumentException)
            {
                throw new UsageException($"{zip}: not a fast style model zip ({ex.Message.Split('\n')[0]})", ex);
            }

            Directory.CreateDirectory(outDir);
            var clock = Stopwatch.StartNew();
            var results = FastStyleModel.Apply(ml, transformer, paths);
            var seconds = clock.Elapsed.TotalSeconds;
            var written = new List<string>();
            for (var i = 0; i < paths.Length; i++)
            {
                var target = Path.Combine(outDir, Path.GetFileNameWithoutExtension(paths[i]) + ".png");
                ImageEncoder.Save(results[i], target);
                written.Add(target);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new StyleApplyJson(zip, written, FastStyleModel.SizeOf(transformer, ml), Math.Round(seconds / paths.Length, 4)));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stylised {paths.Length} image(s) into {outDir}, {seconds / paths.Length:0.000} s per image"));
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The JSON of <c>style train</c> (docs/CLI-JSON.md).</summary>
    private sealed record StyleTrainJson(string Output, int ContentImages, int Iterations, double Seconds, double[] ContentLoss, double[] StyleLoss, double[] TotalLoss, double FinalLoss);

    /// <summary>The JSON of <c>style apply</c> (docs/CLI-JSON.md).</summary>
    private sealed record StyleApplyJson(string Model, IReadOnlyList<string> Outputs, int Size, double SecondsPerImage);
}

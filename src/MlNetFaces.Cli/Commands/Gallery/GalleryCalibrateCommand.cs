using System.CommandLine;
using System.Globalization;
using MlNetFaces.Gallery;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery calibrate --db G.db --pairs FILE</c>: embeds labelled pairs (LFW pairs.txt or a TSV, cached), reads the
/// ROC curve and stores the distance threshold that meets a target false-accept rate as the gallery's calibrated one.
/// </summary>
internal static class GalleryCalibrateCommand
{
    private static readonly string[] LfwFolders = ["lfw-deepfunneled", "lfw"];

    public static Command Create()
    {
        var db = Db();
        var pairs = new Option<string>("--pairs") { Description = "Labelled pairs: LFW pairs.txt (numeric header) or TSV a<TAB>b<TAB>label.", Required = true };
        var root = new Option<string?>("--root") { Description = "Folder the image paths are relative to (default: the pairs file's folder; for LFW, its lfw folder)." };
        var far = new Option<double>("--far") { Description = "Target false-accept rate of the threshold.", DefaultValueFactory = _ => 0.001 };
        var cache = new Option<string?>("--cache") { Description = $"Embedding cache folder (default ${EmbeddingCache.EnvironmentVariable} or ~/.cache/mlnetfaces/embeddings)." };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var command = faceOptions.AddTo(new Command("calibrate", "Set the gallery's 'unknown' threshold from labelled pairs and a target false-accept rate.")
        {
            db, pairs, root, far, cache, json,
        });
        command.SetAction(parse => Guard(() =>
        {
            var pairsPath = parse.GetValue(pairs)!;
            if (!File.Exists(pairsPath))
            {
                throw new UsageException($"{pairsPath}: file not found.");
            }

            var read = Read(pairsPath, parse.GetValue(root));
            EvaluateCommand.RequireBothClasses(read, pairsPath);

            var path = parse.GetValue(db)!;
            var options = faceOptions.Central(parse);
            using var gallery = GalleryEnrollment.OpenGallery(path, modelId: options.EmbeddingModelId); // refuses a missing gallery or another model's before any model work
            var run = EvaluateCommand.ScorePretrained(read, options, parse.GetValue(cache));
            EvaluateCommand.RequireScoredPairs(run, read);

            var calibration = GalleryCalibration.FromPairs(run.Plain, parse.GetValue(far));
            gallery.SetThreshold(calibration.Threshold, calibrated: true, calibration.Describe(Path.GetFileName(pairsPath)));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new CalibrateJson(path, calibration.Threshold, calibration.TargetFar, calibration.MeasuredFar, calibration.Tar, calibration.SamePairs, calibration.DifferentPairs, run.Failed.Count));
                return;
            }

            Console.WriteLine(string.Create(C, $"{path}: {ThresholdText(gallery.Threshold)}"));
            Console.WriteLine(string.Create(C, $"  {calibration.SamePairs} same-person and {calibration.DifferentPairs} different-person pairs; {run.Failed.Count} left out (unreadable or no face)"));
        }));
        return command;
    }

    private static PairsReadResult Read(string pairsPath, string? root)
    {
        var first = File.ReadLines(pairsPath).FirstOrDefault() ?? string.Empty;
        var lfw = first.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: 1 or 2 } header
            && header.All(h => int.TryParse(h, CultureInfo.InvariantCulture, out _));
        var folder = Path.GetDirectoryName(Path.GetFullPath(pairsPath))!;
        if (lfw)
        {
            var lfwRoot = root ?? LfwFolders.Select(d => Path.Combine(folder, d)).FirstOrDefault(Directory.Exists) ?? folder;
            return PairsFile.ReadLfw(pairsPath, lfwRoot);
        }

        return PairsFile.ReadTsv(pairsPath, root ?? folder);
    }

    private sealed record CalibrateJson(string Db, double Threshold, double TargetFar, double MeasuredFar, double Tar, int SamePairs, int DifferentPairs, int Failed);
}

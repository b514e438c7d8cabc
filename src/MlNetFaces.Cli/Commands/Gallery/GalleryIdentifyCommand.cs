using System.CommandLine;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery identify --db G.db IMAGE...</c>: every face of the images against the gallery, with the nearest
/// identities; "unknown" above the gallery's threshold (or <c>--threshold</c>).
/// </summary>
internal static class GalleryIdentifyCommand
{
    public static Command Create()
    {
        var db = Db();
        var images = CommonOptions.Images();
        var top = new Option<int>("--top") { Description = "Nearest identities to list per face.", DefaultValueFactory = _ => 5 };
        var threshold = new Option<double?>("--threshold") { Description = "Override the gallery's rejection threshold for this run (Euclidean distance)." };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var command = faceOptions.AddTo(new Command("identify", "Identify every face of the images against the gallery (\"unknown\" above the threshold).")
        {
            db, images, top, threshold, json,
        });
        command.SetAction(parse => Guard(() =>
        {
            var k = parse.GetValue(top);
            if (k < 1)
            {
                throw new UsageException($"--top must be at least 1, got {k}.");
            }

            var paths = FacesCommands.CheckAll(parse.GetValue(images)!);
            var path = parse.GetValue(db)!;
            var options = faceOptions.Listing(parse);
            GallerySnapshot snapshot;
            using (var gallery = GalleryEnrollment.OpenGallery(path, modelId: options.EmbeddingModelId))
            {
                snapshot = gallery.Snapshot();
            }

            if (parse.GetValue(threshold) is { } t)
            {
                if (!(t > 0) || double.IsInfinity(t))
                {
                    throw new UsageException($"--threshold must be a positive number, got {t.ToString(C)}.");
                }

                snapshot = snapshot.WithThreshold(new GalleryThreshold(t, false, "--threshold"));
            }

            var pipeline = new FacePipeline(options);
            using var identifier = new FaceIdentifier(pipeline, snapshot);
            var results = new List<IdentifyImageJson>();
            using var progress = new ProgressBar("identify", paths.Count, enabled: paths.Count > 3);
            foreach (var (imagePath, image) in FacesCommands.DecodeEach(paths))
            {
                var faces = identifier.Identify(image, k);
                results.Add(new IdentifyImageJson(imagePath, faces.Select(f => new IdentifiedFaceJson(
                    Box(f.Face),
                    f.Match.Identity,
                    Distance(f.Match.Distance),
                    f.Match.Top.Select(c => new CandidateJson(c.Identity, Math.Round(c.Distance, 6))).ToList())).ToList()));
                progress.Advance();
            }

            var th = snapshot.Threshold;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new IdentifyJson(path, th.Value, th.Calibrated, th.Source, results));
                return;
            }

            Console.WriteLine(string.Create(C, $"{path}: {snapshot.Names.Count} identities, {snapshot.TemplateCount} templates; {ThresholdText(th)}"));
            foreach (var image in results)
            {
                Print(image);
            }
        }));
        return command;
    }

    private static void Print(IdentifyImageJson image)
    {
        Console.WriteLine(string.Create(C, $"{image.Path}  {image.Faces.Count} face(s)"));
        for (var i = 0; i < image.Faces.Count; i++)
        {
            var f = image.Faces[i];
            var box = string.Join(' ', f.Box.Select(v => v.ToString("0.0", C)));
            var known = f.Identity != GalleryMatch.Unknown;
            var others = f.Top.Skip(known ? 1 : 0).Take(3).Select(c => string.Create(C, $"{c.Identity} {c.Distance:0.000}")).ToList();
            var note = f.Top.Count == 0 ? "  (gallery is empty)" : others.Count == 0 ? "" : $"  ({(known ? "then" : "nearest")} {string.Join(", ", others)})";
            var distance = f.Distance is { } d ? d.ToString("0.000", C) : "-";
            Console.WriteLine(string.Create(C, $"  #{i}  box [{box}]  {f.Identity,-12} {distance}{note}"));
        }
    }

    private static double? Distance(float distance) => float.IsNaN(distance) ? null : Math.Round(distance, 6);

    private sealed record CandidateJson(string Identity, double Distance);

    private sealed record IdentifiedFaceJson(double[] Box, string Identity, double? Distance, IReadOnlyList<CandidateJson> Top);

    private sealed record IdentifyImageJson(string Path, IReadOnlyList<IdentifiedFaceJson> Faces);

    private sealed record IdentifyJson(string Db, double Threshold, bool Calibrated, string ThresholdSource, IReadOnlyList<IdentifyImageJson> Images);
}

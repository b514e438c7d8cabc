using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery enroll|identify|list|remove|rename|import</c>: 1:N identification against a persistent SQLite gallery
/// (docs/CLI-JSON.md). Every refusal (duplicate name, no face, several faces, another model's gallery) exits 2 with one line.
/// </summary>
internal static class GalleryCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create() => new("gallery", "1:N identification: enrol people, identify faces, manage the gallery.")
    {
        CreateEnroll(),
        CreateIdentify(),
        CreateList(),
        CreateRemove(),
        CreateRename(),
        CreateImport(),
        GalleryCalibrateCommand.Create(),
    };

    private static Option<string> Db() => new("--db")
    {
        Description = "Gallery database file (SQLite).",
        Required = true,
    };

    private static Option<bool> Replace() => new("--replace") { Description = "Replace the templates of a name that is already enrolled." };

    private static Option<bool> Append() => new("--append") { Description = "Add templates to a name that is already enrolled." };

    private static Command CreateEnroll()
    {
        var db = Db();
        var name = new Argument<string>("name") { Description = "The person's name (unique in the gallery)." };
        var images = CommonOptions.Images();
        images.Description = "One or more photos of that person; from each, the face the photo is about (as verify chooses it), or the largest with --largest.";
        var replace = Replace();
        var append = Append();
        var average = new Option<bool>("--average") { Description = "Store the mean of the embeddings as one template instead of one template per image." };
        var largest = new Option<bool>("--largest") { Description = "When an image has several faces, take the largest instead of the central one." };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var command = faceOptions.AddTo(new Command("enroll", "Enrol a person from one or several photos.") { db, name, images, replace, append, average, largest, json });
        command.SetAction(parse => Guard(() =>
        {
            var mode = Mode(parse.GetValue(replace), parse.GetValue(append));
            var loaded = FacesCommands.LoadAll(parse.GetValue(images)!);
            var path = parse.GetValue(db)!;
            var options = faceOptions.Listing(parse);
            using var gallery = GalleryEnrollment.OpenGallery(path, create: true, options.EmbeddingModelId);
            if (mode == EnrollMode.New)
            {
                gallery.RequireFreeName(parse.GetValue(name)!); // before any model work
            }

            var pipeline = new FacePipeline(options);
            var selection = parse.GetValue(largest) ? FaceSelection.Largest : FaceSelection.Central;
            var chosen = GalleryEnrollment.ChooseFaces(pipeline, loaded, selection);
            var identity = gallery.Enroll(
                parse.GetValue(name)!,
                chosen.Select((f, i) => new GalleryTemplateInput(f.Descriptor, loaded[i].Path)).ToList(),
                mode,
                parse.GetValue(average));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new EnrollJson(
                    path,
                    identity.Name,
                    identity.Templates,
                    parse.GetValue(average),
                    loaded.Select((l, i) => new EnrolledFaceJson(l.Path, Box(chosen[i]))).ToList()));
            }
            else
            {
                var (people, templates) = gallery.Count();
                Console.WriteLine(string.Create(
                    C,
                    $"enrolled '{identity.Name}' ({identity.Templates} template(s)) in {path}: {people} identities, {templates} templates"));
            }
        }));
        return command;
    }

    private static Command CreateIdentify()
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
        }));
        return command;
    }

    private static Command CreateList()
    {
        var db = Db();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the enrolled people.") { db, json };
        command.SetAction(parse => Guard(() =>
        {
            var path = parse.GetValue(db)!;
            using var gallery = FaceGallery.Open(path, embeddingModelId: null);
            var people = gallery.List();
            var th = gallery.Threshold;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new ListJson(
                    path,
                    gallery.ModelId,
                    gallery.SchemaVersion,
                    th.Value,
                    th.Calibrated,
                    th.Source,
                    people.Select(p => new IdentityJson(p.Name, p.Templates, p.EnrolledUtc)).ToList()));
                return;
            }

            Console.WriteLine(string.Create(C, $"{path}: {people.Count} identities, {people.Sum(p => p.Templates)} templates; model {gallery.ModelId}; schema {gallery.SchemaVersion}; {ThresholdText(th)}"));
            foreach (var p in people)
            {
                Console.WriteLine(string.Create(C, $"  {p.Name}  {p.Templates} template(s)  enrolled {p.EnrolledUtc}"));
            }
        }));
        return command;
    }

    private static Command CreateRemove()
    {
        var db = Db();
        var name = new Argument<string>("name") { Description = "The person to remove (with all their templates)." };
        var command = new Command("remove", "Remove a person from the gallery.") { db, name };
        command.SetAction(parse => Guard(() =>
        {
            using var gallery = FaceGallery.Open(parse.GetValue(db)!, embeddingModelId: null);
            gallery.Remove(parse.GetValue(name)!);
            Console.WriteLine($"removed '{parse.GetValue(name)!.Trim()}'");
        }));
        return command;
    }

    private static Command CreateRename()
    {
        var db = Db();
        var oldName = new Argument<string>("old") { Description = "Current name." };
        var newName = new Argument<string>("new") { Description = "New name (must be free)." };
        var command = new Command("rename", "Rename a person.") { db, oldName, newName };
        command.SetAction(parse => Guard(() =>
        {
            using var gallery = FaceGallery.Open(parse.GetValue(db)!, embeddingModelId: null);
            gallery.Rename(parse.GetValue(oldName)!, parse.GetValue(newName)!);
            Console.WriteLine($"renamed '{parse.GetValue(oldName)!.Trim()}' to '{parse.GetValue(newName)!.Trim()}'");
        }));
        return command;
    }

    private static Command CreateImport()
    {
        var db = Db();
        var file = new Argument<string>("file") { Description = "JSON lines {\"name\", \"embedding\": [floats], \"source\"?}; '-' reads standard input." };
        var modelId = new Option<string>("--model-id")
        {
            Description = "Embedding model the vectors come from (must match the gallery's).",
            DefaultValueFactory = _ => GalleryEnrollment.PipelineModelId,
        };
        var replace = Replace();
        var append = Append();
        var command = new Command("import", "Enrol precomputed embeddings, all in one transaction (all or nothing).") { db, file, modelId, replace, append };
        command.SetAction(parse => Guard(() =>
        {
            var mode = Mode(parse.GetValue(replace), parse.GetValue(append));
            var source = parse.GetValue(file)!;
            if (source != "-" && !File.Exists(source))
            {
                throw new UsageException($"{source}: file not found.");
            }

            using var gallery = FaceGallery.Open(parse.GetValue(db)!, parse.GetValue(modelId)!, 128, create: true);
            using var reader = source == "-" ? Console.In : new StreamReader(source);
            var count = gallery.Import(ReadLines(reader, source == "-" ? "stdin" : source), mode);
            Console.WriteLine(string.Create(C, $"imported {count} template(s) into {parse.GetValue(db)}"));
        }));
        return command;
    }

    private static IEnumerable<(string, GalleryTemplateInput)> ReadLines(TextReader reader, string name)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ImportLineJson? row;
            try
            {
                row = JsonSerializer.Deserialize<ImportLineJson>(line, ImportOptions);
            }
            catch (JsonException ex)
            {
                throw new UsageException($"{name}:{number}: not a JSON object {{\"name\", \"embedding\"}} ({ex.Message.Split('.')[0]}).", ex);
            }

            if (row?.Name is null || row.Embedding is null)
            {
                throw new UsageException($"{name}:{number}: each line needs \"name\" and \"embedding\".");
            }

            yield return (row.Name, new GalleryTemplateInput(row.Embedding, row.Source ?? $"{name}:{number}"));
        }
    }

    private static readonly JsonSerializerOptions ImportOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Runs an action; a gallery refusal becomes bad input (exit 2, one line).</summary>
    internal static int Guard(Action action)
    {
        try
        {
            action();
            return CliApp.Ok;
        }
        catch (GalleryException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static EnrollMode Mode(bool replace, bool append) => (replace, append) switch
    {
        (true, true) => throw new UsageException("--replace and --append exclude each other."),
        (true, false) => EnrollMode.Replace,
        (false, true) => EnrollMode.Append,
        _ => EnrollMode.New,
    };

    private static double[] Box(Face face) => face.Box.ToArray().Select(v => Math.Round(v, 3)).ToArray();

    private static double? Distance(float distance) => float.IsNaN(distance) ? null : Math.Round(distance, 6);

    internal static string ThresholdText(GalleryThreshold th) => th.Calibrated
        ? string.Create(C, $"threshold {th.Value:0.####} (calibrated: {th.Source})")
        : string.Create(C, $"threshold {th.Value:0.####} (uncalibrated {th.Source}; 'gallery calibrate' sets one from a target false-accept rate)");

    private sealed record EnrolledFaceJson(string Path, double[] Box);

    private sealed record EnrollJson(string Db, string Name, int Templates, bool Averaged, IReadOnlyList<EnrolledFaceJson> Faces);

    private sealed record CandidateJson(string Identity, double Distance);

    private sealed record IdentifiedFaceJson(double[] Box, string Identity, double? Distance, IReadOnlyList<CandidateJson> Top);

    private sealed record IdentifyImageJson(string Path, IReadOnlyList<IdentifiedFaceJson> Faces);

    private sealed record IdentifyJson(string Db, double Threshold, bool Calibrated, string ThresholdSource, IReadOnlyList<IdentifyImageJson> Images);

    private sealed record IdentityJson(string Name, int Templates, string EnrolledUtc);

    private sealed record ListJson(string Db, string ModelId, int SchemaVersion, double Threshold, bool Calibrated, string ThresholdSource, IReadOnlyList<IdentityJson> Identities);

    private sealed record ImportLineJson(string? Name, float[]? Embedding, string? Source);
}

using System.CommandLine;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery import --db G.db FILE</c>: enrols precomputed embeddings from JSON lines (or standard input) in one
/// transaction, all or nothing.
/// </summary>
internal static class GalleryImportCommand
{
    private static readonly JsonSerializerOptions ImportOptions = new() { PropertyNameCaseInsensitive = true };

    public static Command Create()
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

            // Every embedding model of the library computes descriptors of the recognition net's length.
            using var gallery = FaceGallery.Open(parse.GetValue(db)!, parse.GetValue(modelId)!, FaceRecognitionNet.DescriptorSize, create: true);
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

    private sealed record ImportLineJson(string? Name, float[]? Embedding, string? Source);
}

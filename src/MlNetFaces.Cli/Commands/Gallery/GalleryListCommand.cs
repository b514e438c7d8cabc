using System.CommandLine;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary><c>gallery list --db G.db</c>: the enrolled people, the gallery's model, schema and threshold (any model's gallery).</summary>
internal static class GalleryListCommand
{
    public static Command Create()
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

    private sealed record IdentityJson(string Name, int Templates, string EnrolledUtc);

    private sealed record ListJson(string Db, string ModelId, int SchemaVersion, double Threshold, bool Calibrated, string ThresholdSource, IReadOnlyList<IdentityJson> Identities);
}

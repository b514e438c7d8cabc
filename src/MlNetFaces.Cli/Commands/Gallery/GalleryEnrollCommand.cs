using System.CommandLine;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery enroll --db G.db NAME IMAGE...</c>: one face per image (the central one, or the largest), embedded and
/// stored as templates of NAME; a taken name is refused before any model work.
/// </summary>
internal static class GalleryEnrollCommand
{
    public static Command Create()
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

            var selection = parse.GetValue(largest) ? FaceSelection.Largest : FaceSelection.Central;
            var (identity, chosen) = GalleryEnrollment.EnrollImages(gallery, new FacePipeline(options), parse.GetValue(name)!, loaded, selection, mode, parse.GetValue(average));
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

    private sealed record EnrolledFaceJson(string Path, double[] Box);

    private sealed record EnrollJson(string Db, string Name, int Templates, bool Averaged, IReadOnlyList<EnrolledFaceJson> Faces);
}

using System.CommandLine;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary><c>gallery remove --db G.db NAME</c>: removes a person with all their templates (any model's gallery).</summary>
internal static class GalleryRemoveCommand
{
    public static Command Create()
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
}

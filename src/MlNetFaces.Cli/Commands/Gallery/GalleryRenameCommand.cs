using System.CommandLine;
using MlNetFaces.Gallery;
using static MlNetFaces.Cli.Commands.Gallery.GalleryCommand;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary><c>gallery rename --db G.db OLD NEW</c>: renames a person; the new name must be free (any model's gallery).</summary>
internal static class GalleryRenameCommand
{
    public static Command Create()
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
}

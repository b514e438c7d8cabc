using System.CommandLine;
using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;

namespace MlNetFaces.Cli.Commands.Gallery;

/// <summary>
/// <c>gallery enroll|identify|list|remove|rename|import|calibrate</c>: 1:N identification against a persistent SQLite
/// gallery (docs/CLI-JSON.md), and what the subcommands share. Every refusal (duplicate name, no face, several faces,
/// another model's gallery) exits 2 with one line.
/// </summary>
internal static class GalleryCommand
{
    internal static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create() => new("gallery", "1:N identification: enrol people, identify faces, manage the gallery.")
    {
        GalleryEnrollCommand.Create(),
        GalleryIdentifyCommand.Create(),
        GalleryListCommand.Create(),
        GalleryRemoveCommand.Create(),
        GalleryRenameCommand.Create(),
        GalleryImportCommand.Create(),
        GalleryCalibrateCommand.Create(),
    };

    internal static Option<string> Db() => new("--db")
    {
        Description = "Gallery database file (SQLite).",
        Required = true,
    };

    internal static Option<bool> Replace() => new("--replace") { Description = "Replace the templates of a name that is already enrolled." };

    internal static Option<bool> Append() => new("--append") { Description = "Add templates to a name that is already enrolled." };

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

    internal static EnrollMode Mode(bool replace, bool append) => (replace, append) switch
    {
        (true, true) => throw new UsageException("--replace and --append exclude each other."),
        (true, false) => EnrollMode.Replace,
        (false, true) => EnrollMode.Append,
        _ => EnrollMode.New,
    };

    internal static double[] Box(Face face) => face.Box.ToArray().Select(v => Math.Round(v, 3)).ToArray();

    internal static string ThresholdText(GalleryThreshold th) => th.Calibrated
        ? string.Create(C, $"threshold {th.Value:0.####} (calibrated: {th.Source})")
        : string.Create(C, $"threshold {th.Value:0.####} (uncalibrated {th.Source}; 'gallery calibrate' sets one from a target false-accept rate)");
}

using System.CommandLine;
using MlNetFaces.Cli.Commands;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.Torch;

namespace MlNetFaces.Cli;

/// <summary>The <c>mlnetfaces</c> command line: exit 0 on success, 2 on bad usage or input, 1 on internal failure.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args)
    {
        var root = new RootCommand("MlNetFaces: face detection, 68 landmarks and 128-D face descriptors in .NET (TorchSharp).");
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(FacesCommands.CreateDetect());
        root.Subcommands.Add(FacesCommands.CreateEmbed());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(GalleryCommand.Create());
        root.Subcommands.Add(StylizeCommand.Create());
        root.Subcommands.Add(StyleCommand.Create());
        root.Subcommands.Add(StylizeAudioCommand.Create());
        root.Subcommands.Add(StylizeVolumeCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"mlnetfaces: {error.Message}");
            }

            Console.Error.WriteLine("Run 'mlnetfaces --help' for usage.");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            Console.Error.WriteLine($"mlnetfaces: {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is ModelStoreException or TorchLoadException or Training.TrainingDivergedException)
        {
            Console.Error.WriteLine($"mlnetfaces: {ex.Message}");
            return Failure;
        }
    }

    private static bool IsBadInput(Exception ex) =>
        ex is UsageException or ImageDecodeException or Audio.WavFormatException or Volumes.NiftiFormatException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException;
}

using System.CommandLine;
using MlNetFaces.Cli.Commands;
using MlNetFaces.Cli.Commands.Gallery;
using MlNetFaces.Imaging;

namespace MlNetFaces.Cli;

/// <summary>The <c>mlnetfaces</c> command line: exit 0 on success, 2 on bad usage or input, 1 on internal failure.</summary>
internal static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of an internal failure (a bug, or a model store or native library that cannot load).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the exit code. A deprecated verb (<see cref="DeprecatedCommand"/>)
    /// first prints its one-line notice on stderr.
    /// </summary>
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
        root.Subcommands.Add(StyleCommand.Create());
        foreach (var old in StyleCommand.CreateDeprecated())
        {
            root.Subcommands.Add(old);
        }

        root.Subcommands.Add(TrainCommand.Create());

        var verbose = new Option<bool>("--verbose") { Description = "On an internal error, also print the stack trace.", Recursive = true };
        root.Options.Add(verbose);
        var maxPixels = new Option<long>("--max-pixels")
        {
            Description = $"Refuse images over this many pixels, read from the header before decoding (default {ImageDecoder.DefaultMaxPixels:N0}, at most {ImageDecoder.LargestMaxPixels:N0}).",
            DefaultValueFactory = _ => ImageDecoder.DefaultMaxPixels,
            Recursive = true,
        };
        maxPixels.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<long>();
            if (value is < 1 or > ImageDecoder.LargestMaxPixels)
            {
                r.AddError($"--max-pixels must be from 1 to {ImageDecoder.LargestMaxPixels}, got {value}.");
            }
        });
        root.Options.Add(maxPixels);
        var parsed = root.Parse(args);
        if (parsed.CommandResult.Command is DeprecatedCommand deprecated)
        {
            Console.Error.WriteLine(deprecated.Notice);
        }

        if (parsed.Errors.Count > 0)
        {
            // One line: the first problem, then where to look.
            Console.Error.WriteLine($"mlnetfaces: {parsed.Errors[0].Message} (run 'mlnetfaces --help' for usage)");
            return BadInput;
        }

        try
        {
            ImageDecoder.MaxPixels = parsed.GetValue(maxPixels);
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, parsed.GetValue(verbose));
        }
    }
}

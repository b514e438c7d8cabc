using System.CommandLine;
using MlNetFaces.Cli.Commands;
using MlNetFaces.Cli.Commands.Gallery;
using MlNetFaces.Imaging;

namespace MlNetFaces.Cli;

/// <summary>
/// The <c>mlnetfaces</c> command line: exit 0 on success, 2 on bad usage or input, 1 on internal failure, 130 when
/// Ctrl+C (or SIGTERM) cancelled a long command (train, evaluate).
/// </summary>
internal static class CliApp
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An internal failure (a bug) or a failure of the environment (model store, native runtime).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or input.</summary>
    public const int BadInput = 2;

    /// <summary>Cancelled by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// How long a cancelled command may take to stop (it finishes its current step: a training step, a batch of
    /// images) before the process exits anyway with <see cref="Cancelled"/>.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
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
            // Asynchronous commands (train, evaluate) get a token that Ctrl+C cancels; synchronous ones run as before.
            return parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = StopTimeout })
                .GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, parsed.GetValue(verbose));
        }
    }
}

using System.Reflection;
using Microsoft.Data.Sqlite;
using MlNetFaces.Gallery;
using MlNetFaces.Models;
using MlNetFaces.Torch;

namespace MlNetFaces.Cli;

/// <summary>
/// The one failure path of the command line: every exception ends here and becomes one plain line on stderr.
/// Problems with the user's input or environment (files, formats, sizes, options, databases, zips, a full disk, a
/// denied permission) are exit 2; anything else is a bug, exit 1, with the stack trace only under <c>--verbose</c>.
/// </summary>
internal static class CliErrors
{
    /// <summary>Prints <paramref name="ex"/> as one line (and its trace when <paramref name="verbose"/>) and returns the exit code.</summary>
    public static int Report(Exception ex, bool verbose)
    {
        var (code, message) = Classify(ex);
        Console.Error.WriteLine("mlnetfaces: " + message);
        if (verbose)
        {
            Console.Error.WriteLine(ex.ToString());
        }

        return code;
    }

    /// <summary>The exit code and the one-line message for <paramref name="ex"/>.</summary>
    public static (int Code, string Message) Classify(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (Chain(ex).Any(e => e is OperationCanceledException))
        {
            return (CliApp.Cancelled, "cancelled.");
        }

        foreach (var cause in Chain(ex))
        {
            if (IsBadInput(cause))
            {
                return (CliApp.BadInput, OneLine(cause));
            }
        }

        foreach (var cause in Chain(ex))
        {
            if (cause is ModelStoreException or TorchLoadException or Training.TrainingDivergedException)
            {
                return (CliApp.Failure, OneLine(cause));
            }
        }

        var inner = Chain(ex).Last();
        return (CliApp.Failure, $"internal error: {inner.GetType().Name}: {OneLine(inner)} (run with --verbose for the stack trace)");
    }

    /// <summary>The exception and its causes, outermost first (wrappers such as TargetInvocationException included).</summary>
    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            yield return e;
        }
    }

    private static bool IsBadInput(Exception ex) => ex is UsageException
        or InputException
        or GalleryException
        or FaceNotFoundException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or InvalidDataException
        or SqliteException
        or OutOfMemoryException
        or InsufficientMemoryException
        or ArgumentException
        or IOException;

    private static string OneLine(Exception ex)
    {
        var message = ex switch
        {
            OutOfMemoryException or InsufficientMemoryException => "not enough memory for this input (see the limits in the README: smaller --size, --seconds or --max-voxels).",
            ArgumentException { ParamName: { } name } a => a.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal),
            TargetInvocationException { InnerException: { } inner } => inner.Message,
            _ => ex.Message,
        };
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? ex.GetType().Name : string.Join(' ', lines);
    }
}

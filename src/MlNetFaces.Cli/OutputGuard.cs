using MlNetFaces.IO;

namespace MlNetFaces.Cli;

/// <summary>
/// Inputs are never written: an output path that is one of the command's input files (after resolving links), or a
/// folder output that would receive a file that is one of them, is refused with exit 2 before any work starts.
/// </summary>
internal static class OutputGuard
{
    /// <summary>Refuses <paramref name="output"/> (given as <paramref name="option"/>) when it is one of <paramref name="inputs"/>.</summary>
    public static void Refuse(IEnumerable<string?> inputs, string? output, string option)
    {
        if (output is null)
        {
            return;
        }

        foreach (var input in inputs)
        {
            if (input is not null && FileIdentity.SameFile(input, output))
            {
                throw new UsageException($"{output}: {option} is the input file {input}; refusing to overwrite an input (choose another output path).");
            }
        }
    }

    /// <summary>Refuses writing <paramref name="names"/> into <paramref name="folder"/> when one of them would replace an input.</summary>
    public static void RefuseInFolder(IEnumerable<string?> inputs, string? folder, IEnumerable<string> names, string option)
    {
        if (folder is null)
        {
            return;
        }

        var list = inputs.ToList();
        foreach (var name in names)
        {
            Refuse(list, Path.Combine(folder, name), option);
        }
    }

    /// <summary>Refuses two outputs of one run that are the same file (the second would replace the first).</summary>
    public static void RefuseSame(string? first, string firstOption, string? second, string secondOption)
    {
        if (first is not null && second is not null
            && string.Equals(FileIdentity.Canonical(first), FileIdentity.Canonical(second), StringComparison.Ordinal))
        {
            throw new UsageException($"{second}: {secondOption} is the same file as {firstOption}; give them different paths.");
        }
    }
}

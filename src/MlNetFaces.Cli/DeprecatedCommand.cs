using System.CommandLine;

namespace MlNetFaces.Cli;

/// <summary>
/// An old verb kept for one release under its new form: hidden from the help, otherwise the same command (same options,
/// same output). <see cref="CliApp"/> prints <see cref="Notice"/> on stderr whenever it is used; stdout is unchanged.
/// </summary>
internal sealed class DeprecatedCommand : Command
{
    /// <summary>The old verb <paramref name="name"/>, now <paramref name="replacement"/> (for example <c>style image</c>).</summary>
    public DeprecatedCommand(string name, string replacement, string description)
        : base(name, description)
    {
        Replacement = replacement;
        Hidden = true;
    }

    /// <summary>The new form of the command, as typed after <c>mlnetfaces</c>.</summary>
    public string Replacement { get; }

    /// <summary>The one-line notice on stderr.</summary>
    public string Notice => $"mlnetfaces: warning: '{Name}' is deprecated and goes in the next release; use 'mlnetfaces {Replacement}' (same options, same output).";
}

using System.CommandLine;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The one implementation behind <c>style image</c>, <c>style audio</c> and <c>style volume</c> (and their deprecated
/// forms <c>stylize</c>, <c>stylize-audio</c>, <c>stylize-volume</c>): the <c>--content</c>, <c>--style</c>,
/// <c>--out</c> and <c>--json</c> options, the refusal of any output that would replace an input, the progress bar, the
/// wording of the library's limits, and the JSON document or one-line summary. What differs per medium (its options,
/// the transfer itself, its extra outputs and JSON fields) is a <see cref="StyleMedium"/>.
/// </summary>
internal static class StyleRunCommand
{
    /// <summary>The <c>style &lt;medium&gt;</c> subcommand.</summary>
    public static Command Create(StyleMedium medium)
    {
        ArgumentNullException.ThrowIfNull(medium);
        return Build(new Command(medium.Text.Name, medium.Text.Description), medium);
    }

    /// <summary>
    /// The old top-level verb of <paramref name="medium"/> (<see cref="StyleMediumText.LegacyName"/>): the same command, hidden
    /// from the help, announcing its new form on stderr. Kept for one release.
    /// </summary>
    public static Command CreateDeprecated(StyleMedium medium)
    {
        ArgumentNullException.ThrowIfNull(medium);
        return Build(new DeprecatedCommand(medium.Text.LegacyName, $"{StyleCommand.Name} {medium.Text.Name}", medium.Text.Description), medium);
    }

    private static Command Build(Command command, StyleMedium medium)
    {
        var content = new Option<string>("--content") { Description = medium.Text.Content, Required = true };
        var (style, stylesOf) = StyleOption(medium);
        var output = new Option<string?>("--out") { Description = medium.Text.Output };
        var json = CommonOptions.Json();
        command.Options.Add(content);
        command.Options.Add(style);
        command.Options.Add(output);
        foreach (var option in medium.Options)
        {
            command.Options.Add(option);
        }

        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var contentPath = parse.GetValue(content)!;
            var stylePaths = stylesOf(parse);
            var outPath = parse.GetValue(output) ?? medium.DefaultOutput(contentPath);
            string?[] inputs = [contentPath, .. stylePaths, .. medium.ExtraInputs(parse)];
            OutputGuard.Refuse(inputs, outPath, "--out");
            foreach (var (option, path) in medium.ExtraFiles(parse))
            {
                OutputGuard.Refuse(inputs, path, option);
                OutputGuard.RefuseSame(outPath, "--out", path, option);
            }

            foreach (var (option, folder, names) in medium.ExtraFolders(parse, outPath))
            {
                OutputGuard.RefuseInFolder(inputs, folder, names, option);
            }

            StyleRunOutcome outcome;
            using (var progress = new ProgressBar($"{StyleCommand.Name} {medium.Text.Name}", medium.Steps(parse)))
            {
                try
                {
                    outcome = medium.Run(new StyleRunRequest(parse, contentPath, stylePaths, outPath, () => progress.Advance()));
                }
                catch (StyleLimitException ex)
                {
                    throw StyleCliOptions.Worded(ex);
                }
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(outcome.Json);
            }
            else
            {
                Console.WriteLine(outcome.Summary);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary><c>--style</c>: one file, or with <see cref="StyleMedium.SeveralStyles"/> one or more; and how to read it.</summary>
    private static (Option Option, Func<ParseResult, string[]> Paths) StyleOption(StyleMedium medium)
    {
        if (medium.SeveralStyles)
        {
            var several = new Option<string[]>("--style") { Description = medium.Text.Style, Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
            return (several, parse => parse.GetValue(several)!);
        }

        var one = new Option<string>("--style") { Description = medium.Text.Style, Required = true };
        return (one, parse => [parse.GetValue(one)!]);
    }
}

/// <summary>
/// What one <c>style image|audio|volume</c> command stylises: its own options, how it reads, runs and writes, and what it
/// reports. <see cref="StyleRunCommand"/> does the rest. A medium's options belong to one command: make a new medium
/// for each command built from it.
/// </summary>
internal abstract class StyleMedium
{
    /// <summary>A medium named and described by <paramref name="text"/>.</summary>
    protected StyleMedium(StyleMediumText text) => Text = text;

    /// <summary>The medium's subcommand, old verb and help texts.</summary>
    public StyleMediumText Text { get; }

    /// <summary>Whether <c>--style</c> takes several files (blended); otherwise exactly one.</summary>
    public virtual bool SeveralStyles => false;

    /// <summary>The medium's own options, after <c>--content</c>, <c>--style</c> and <c>--out</c>.</summary>
    public abstract IEnumerable<Option> Options { get; }

    /// <summary>The output path when <c>--out</c> is not given, beside the working folder, named after the content.</summary>
    public abstract string DefaultOutput(string contentPath);

    /// <summary>The optimisation steps the progress bar counts.</summary>
    public abstract int Steps(ParseResult parse);

    /// <summary>Input files besides the content and styles (a weights file), which no output may replace.</summary>
    public virtual IEnumerable<string?> ExtraInputs(ParseResult parse) => [];

    /// <summary>Output files besides <c>--out</c>, with their option: none may be an input or the <c>--out</c> file.</summary>
    public virtual IEnumerable<(string Option, string? Path)> ExtraFiles(ParseResult parse) => [];

    /// <summary>Output folders with the names written into them, with their option: none of those may be an input.</summary>
    public virtual IEnumerable<(string Option, string? Folder, IEnumerable<string> Names)> ExtraFolders(ParseResult parse, string outPath) => [];

    /// <summary>Reads the inputs, runs the transfer (calling <see cref="StyleRunRequest.Advance"/> per step), writes the outputs.</summary>
    public abstract StyleRunOutcome Run(StyleRunRequest request);
}

/// <summary>
/// How a <see cref="StyleMedium"/> is called and described: <paramref name="Name"/> under <c>style</c> (<c>image</c>,
/// <c>audio</c>, <c>volume</c>), <paramref name="LegacyName"/> the deprecated top-level verb it replaces, the command's
/// help line, and the help of <c>--content</c>, <c>--style</c> and <c>--out</c>.
/// </summary>
internal sealed record StyleMediumText(string Name, string LegacyName, string Description, string Content, string Style, string Output);

/// <summary>One run's parsed command line, inputs, output path and the progress callback.</summary>
internal sealed record StyleRunRequest(ParseResult Parse, string ContentPath, IReadOnlyList<string> StylePaths, string OutputPath, Action Advance);

/// <summary>What a run reports: the <c>--json</c> document (docs/CLI-JSON.md) and the one-line summary printed otherwise.</summary>
internal sealed record StyleRunOutcome(object Json, string Summary);

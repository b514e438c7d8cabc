using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>style</c>, the one verb of style transfer: <c>style image</c> (Gatys on an image), <c>style audio</c>,
/// <c>style volume</c> (one shared implementation, <see cref="StyleRunCommand"/>), <c>style grid</c> (every content with
/// every style, no blending, into a content × style matrix PNG, with per-pair style and content losses), and
/// <c>style train</c> / <c>style apply</c> (the fast feed-forward network, <see cref="FastStyleCommands"/>). The old
/// top-level verbs <c>stylize</c>, <c>stylize-audio</c> and <c>stylize-volume</c> remain for one release as
/// <see cref="DeprecatedCommand"/>s.
/// </summary>
internal static class StyleCommand
{
    /// <summary>The verb: <c>style</c>.</summary>
    public const string Name = "style";

    /// <summary>The <c>style</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var style = new Command(Name, "Style transfer: image, audio, volume, grid, train, apply.");
        style.Subcommands.Add(StyleRunCommand.Create(new StyleImageMedium()));
        style.Subcommands.Add(StyleRunCommand.Create(new StyleAudioMedium()));
        style.Subcommands.Add(StyleRunCommand.Create(new StyleVolumeMedium()));
        style.Subcommands.Add(CreateGrid());
        style.Subcommands.Add(FastStyleCommands.CreateTrain());
        style.Subcommands.Add(FastStyleCommands.CreateApply());
        return style;
    }

    /// <summary>The old top-level verbs <c>stylize</c>, <c>stylize-audio</c>, <c>stylize-volume</c>, hidden and announcing their new form.</summary>
    public static IEnumerable<Command> CreateDeprecated() =>
    [
        StyleRunCommand.CreateDeprecated(new StyleImageMedium()),
        StyleRunCommand.CreateDeprecated(new StyleAudioMedium()),
        StyleRunCommand.CreateDeprecated(new StyleVolumeMedium()),
    ];

    private static Command CreateGrid()
    {
        var contents = new Option<string[]>("--content") { Description = "Content images.", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var styles = new Option<string[]>("--style") { Description = "Style images.", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Grid PNG.", DefaultValueFactory = _ => "style-grid.png" };
        var results = new Option<string?>("--results") { Description = "Also write each result as <content>__<style>.png into this folder." };
        var cell = new Option<int>("--cell") { Description = "Grid cell size in pixels.", DefaultValueFactory = _ => 192 };
        var json = CommonOptions.Json();
        var shared = new StyleCliOptions();
        var command = new Command("grid", "Stylise every content image with every style image and write a content × style grid.")
        {
            contents, styles, output, results, cell, json,
        };
        foreach (var option in shared.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var contentPaths = parse.GetValue(contents)!;
            var stylePaths = parse.GetValue(styles)!;
            string?[] inputs = [.. contentPaths, .. stylePaths, shared.Vgg19Path(parse)];
            OutputGuard.Refuse(inputs, parse.GetValue(output), "--out");
            OutputGuard.RefuseInFolder(inputs, parse.GetValue(results), contentPaths.SelectMany(c => stylePaths.Select(s => $"{Stem(c)}__{Stem(s)}.png")), "--results");
            var contentImages = contentPaths.Select(ImageDecoder.Load).ToList();
            var styleImages = stylePaths.Select(ImageDecoder.Load).ToList();
            var options = shared.Read(parse, null, null);
            try
            {
                options.Validate(1);
            }
            catch (StyleLimitException ex)
            {
                throw StyleCliOptions.Worded(ex);
            }

            var resultsDir = parse.GetValue(results);
            using var backbone = shared.Backbone(parse);
            var gatys = new GatysStyleTransfer(backbone);
            var grid = new RgbImage?[contentImages.Count, styleImages.Count];
            var pairs = new List<StylePairJson>();
            using var progress = new ProgressBar("style grid", contentImages.Count * styleImages.Count);
            for (var i = 0; i < contentImages.Count; i++)
            {
                for (var j = 0; j < styleImages.Count; j++)
                {
                    var noise = gatys.Run(contentImages[i], styleImages[j], options with { Init = StyleInit.Noise, Steps = 1 });
                    var result = gatys.Run(contentImages[i], styleImages[j], options);
                    grid[i, j] = result.Image;
                    if (resultsDir is not null)
                    {
                        ImageEncoder.Save(result.Image, Path.Combine(resultsDir, $"{Stem(contentPaths[i])}__{Stem(stylePaths[j])}.png"));
                    }

                    pairs.Add(new StylePairJson(
                        contentPaths[i],
                        stylePaths[j],
                        Math.Round(result.SecondsPerStep, 4),
                        [result.First.Content, result.Last.Content],
                        [result.First.Style, result.Last.Style],
                        result.Last.Style > 0 ? Math.Round(result.First.Style / result.Last.Style, 2) : null,
                        noise.First.Content,
                        result.Last.Content < noise.First.Content));
                    progress.Advance();
                    if (!parse.GetValue(json))
                    {
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{Stem(contentPaths[i])} x {Stem(stylePaths[j])}: style loss /{result.First.Style / result.Last.Style:0.0}, "
                            + $"content loss {result.Last.Content:G4} (noise: {noise.First.Content:G4}), {result.SecondsPerStep:0.000} s/step"));
                    }
                }
            }

            var outPath = parse.GetValue(output)!;
            ImageEncoder.Save(StyleGrid.Matrix(contentImages, styleImages, grid, parse.GetValue(cell)), outPath);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new StyleGridJson(outPath, options.Size, options.Steps, backbone.Name, pairs, Math.Round(clock.Elapsed.TotalSeconds, 1), Math.Round(peak, 1)));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outPath} ({pairs.Count} pairs, {clock.Elapsed.TotalSeconds:0} s, peak memory {peak:0} MB)"));
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);
}

/// <summary>One content × style pair of <c>style grid</c>'s JSON: the losses, the style-loss ratio, the content loss of a noise image.</summary>
internal sealed record StylePairJson(
    string Content,
    string Style,
    double SecondsPerStep,
    double[] ContentLoss,
    double[] StyleLoss,
    double? StyleRatio,
    double ContentLossAtNoise,
    bool ContentBelowNoise);

/// <summary>The JSON of <c>style grid</c> (docs/CLI-JSON.md).</summary>
internal sealed record StyleGridJson(string Output, int Size, int Steps, string Backbone, IReadOnlyList<StylePairJson> Pairs, double Seconds, double PeakMemoryMb);

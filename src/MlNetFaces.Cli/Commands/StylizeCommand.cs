using System.CommandLine;
using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>stylize --content C --style S [--style S2 --blend 0.7,0.3] [--out O] ...</c>: Gatys neural style transfer on the
/// bundled ResNet18 (SWAG smoothing) or a user-supplied VGG-19. JSON per docs/CLI-JSON.md.
/// </summary>
internal static class StylizeCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "Content image.", Required = true };
        var style = new Option<string[]>("--style") { Description = "Style image (repeat to blend several).", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var blend = new Option<string?>("--blend") { Description = "Blend weights of the style images, e.g. 0.7,0.3 (default: equal)." };
        var output = new Option<string?>("--out") { Description = "Output PNG or JPEG (default: <content>-stylized.png)." };
        var grid = new Option<string?>("--grid") { Description = "Also write a content | style | result PNG here." };
        var snapshotEvery = new Option<int>("--snapshot-every") { Description = "Write <out>-stepN.png every N steps (0: off).", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var shared = new StyleCliOptions();
        var command = new Command("stylize", "Neural style transfer (Gatys et al.): optimise an image to match the content of one and the style of others.")
        {
            content, style, blend, output, grid, snapshotEvery, json,
        };
        foreach (var option in shared.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var contentPath = parse.GetValue(content)!;
            var stylePaths = parse.GetValue(style)!;
            var outPath = parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(contentPath) + "-stylized.png";
            var every = parse.GetValue(snapshotEvery);
            var steps = shared.Steps(parse);
            string?[] inputs = [contentPath, .. stylePaths, shared.Vgg19Path(parse)];
            OutputGuard.Refuse(inputs, outPath, "--out");
            OutputGuard.Refuse(inputs, parse.GetValue(grid), "--grid");
            OutputGuard.RefuseSame(outPath, "--out", parse.GetValue(grid), "--grid");
            if (every > 0)
            {
                OutputGuard.RefuseInFolder(inputs, Path.GetDirectoryName(outPath) is { Length: > 0 } d ? d : ".", Enumerable.Range(1, steps / every).Select(i => Path.GetFileName(SnapshotPath(outPath, i * every))), "--snapshot-every");
            }

            var contentImage = ImageDecoder.Load(contentPath);
            var styleImages = stylePaths.Select(ImageDecoder.Load).ToList();
            using var progress = new ProgressBar("stylize", steps);
            var options = shared.Read(
                parse,
                StyleCliOptions.ParseNumbers(parse.GetValue(blend), "--blend"),
                _ => progress.Advance(),
                every,
                (step, image) => ImageEncoder.Save(image, SnapshotPath(outPath, step)));
            options.Validate(styleImages.Count);
            using var backbone = shared.Backbone(parse);
            var result = new GatysStyleTransfer(backbone).Run(contentImage, styleImages, options);
            ImageEncoder.Save(result.Image, outPath);
            if (parse.GetValue(grid) is { } gridPath)
            {
                ImageEncoder.Save(StyleGrid.Row(contentImage, styleImages[0], result.Image), gridPath);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new StylizeJson(
                    outPath,
                    result.Steps,
                    Math.Round(result.Seconds, 3),
                    Math.Round(result.SecondsPerStep, 4),
                    [result.First.Content, result.Last.Content],
                    [result.First.Style, result.Last.Style],
                    [result.First.Total, result.Last.Total],
                    backbone.Name,
                    parse.GetValue(grid)));
            }
            else
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {outPath}: {result.Steps} steps, {result.SecondsPerStep:0.000} s/step ({backbone.Name}); "
                    + $"style loss {result.First.Style:G4} -> {result.Last.Style:G4}, content loss {result.First.Content:G4} -> {result.Last.Content:G4}"));
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static string SnapshotPath(string outPath, int step) =>
        Path.Combine(Path.GetDirectoryName(outPath) ?? string.Empty, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(outPath)}-step{step}.png"));
}

internal sealed record StylizeJson(
    string Output,
    int Steps,
    double Seconds,
    double SecondsPerStep,
    double[] ContentLoss,
    double[] StyleLoss,
    double[] TotalLoss,
    string Backbone,
    string? Grid);

using System.CommandLine;
using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>style image --content C --style S [--style S2 --blend 0.7,0.3] [--out O] ...</c> (formerly <c>stylize</c>): Gatys
/// neural style transfer on the bundled ResNet18 (SWAG smoothing) or a user-supplied VGG-19. JSON per docs/CLI-JSON.md.
/// </summary>
internal sealed class StyleImageMedium : StyleMedium
{
    private readonly Option<string?> blend = new("--blend") { Description = "Blend weights of the style images, e.g. 0.7,0.3 (default: equal)." };
    private readonly Option<string?> grid = new("--grid") { Description = "Also write a content | style | result PNG here." };
    private readonly Option<int> snapshotEvery = new("--snapshot-every") { Description = "Write <out>-stepN.png every N steps (0: off).", DefaultValueFactory = _ => 0 };
    private readonly StyleCliOptions shared = new();

    /// <summary>The <c>style image</c> medium (formerly <c>stylize</c>) with fresh options.</summary>
    public StyleImageMedium()
        : base(new StyleMediumText(
            Name: "image",
            LegacyName: "stylize",
            Description: "Neural style transfer (Gatys et al.): optimise an image to match the content of one and the style of others.",
            Content: "Content image.",
            Style: "Style image (repeat to blend several).",
            Output: "Output PNG or JPEG (default: <content>-stylized.png)."))
    {
    }

    /// <inheritdoc/>
    public override bool SeveralStyles => true;

    /// <inheritdoc/>
    public override IEnumerable<Option> Options => [blend, grid, snapshotEvery, .. shared.All];

    /// <inheritdoc/>
    public override string DefaultOutput(string contentPath) => Path.GetFileNameWithoutExtension(contentPath) + "-stylized.png";

    /// <inheritdoc/>
    public override int Steps(ParseResult parse) => shared.Steps(parse);

    /// <inheritdoc/>
    public override IEnumerable<string?> ExtraInputs(ParseResult parse) => [shared.Vgg19Path(parse)];

    /// <inheritdoc/>
    public override IEnumerable<(string Option, string? Path)> ExtraFiles(ParseResult parse) => [("--grid", parse.GetValue(grid))];

    /// <inheritdoc/>
    public override IEnumerable<(string Option, string? Folder, IEnumerable<string> Names)> ExtraFolders(ParseResult parse, string outPath)
    {
        var every = parse.GetValue(snapshotEvery);
        if (every > 0)
        {
            var folder = Path.GetDirectoryName(outPath) is { Length: > 0 } d ? d : ".";
            yield return ("--snapshot-every", folder, Enumerable.Range(1, Steps(parse) / every).Select(i => Path.GetFileName(SnapshotPath(outPath, i * every))));
        }
    }

    /// <inheritdoc/>
    public override StyleRunOutcome Run(StyleRunRequest request)
    {
        var parse = request.Parse;
        var contentImage = ImageDecoder.Load(request.ContentPath);
        var styleImages = request.StylePaths.Select(ImageDecoder.Load).ToList();
        var options = shared.Read(
            parse,
            StyleCliOptions.ParseNumbers(parse.GetValue(blend), "--blend"),
            _ => request.Advance(),
            parse.GetValue(snapshotEvery),
            (step, image) => ImageEncoder.Save(image, SnapshotPath(request.OutputPath, step)));
        options.Validate(styleImages.Count);
        using var backbone = shared.Backbone(parse);
        var result = new GatysStyleTransfer(backbone).Run(contentImage, styleImages, options);
        ImageEncoder.Save(result.Image, request.OutputPath);
        var gridPath = parse.GetValue(grid);
        if (gridPath is not null)
        {
            ImageEncoder.Save(StyleGrid.Row(contentImage, styleImages[0], result.Image), gridPath);
        }

        var json = new StylizeJson(
            request.OutputPath,
            result.Steps,
            Math.Round(result.Seconds, 3),
            Math.Round(result.SecondsPerStep, 4),
            [result.First.Content, result.Last.Content],
            [result.First.Style, result.Last.Style],
            [result.First.Total, result.Last.Total],
            backbone.Name,
            gridPath);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {request.OutputPath}: {result.Steps} steps, {result.SecondsPerStep:0.000} s/step ({backbone.Name}); "
            + $"style loss {result.First.Style:G4} -> {result.Last.Style:G4}, content loss {result.First.Content:G4} -> {result.Last.Content:G4}");
        return new StyleRunOutcome(json, summary);
    }

    private static string SnapshotPath(string outPath, int step) =>
        Path.Combine(Path.GetDirectoryName(outPath) ?? string.Empty, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(outPath)}-step{step}.png"));
}

/// <summary>The JSON of <c>style image</c> (docs/CLI-JSON.md): the run's losses, the backbone and the grid written, if any.</summary>
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

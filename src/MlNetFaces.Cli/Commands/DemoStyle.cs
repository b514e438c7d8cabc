using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The demo's style-transfer section: the committed cat photo in the style of The Starry Night (both from Debian
/// packages, copied beside the CLI as samples/), by the Gatys optimisation at a small size, written as a
/// content | style | result strip.
/// </summary>
internal static class DemoStyle
{
    public const int Size = 256;
    public const int Steps = 60;

    public static string Run(string outDir)
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var content = ImageDecoder.Load(Path.Combine(samples, "animal_cat_chelsea.png"));
        var style = ImageDecoder.Load(Path.Combine(samples, "vangogh_starry_night.jpg"));
        using var backbone = ResNet18Backbone.Load();
        using var progress = new ProgressBar("style transfer", Steps);
        var result = new GatysStyleTransfer(backbone).Run(content, style, new StyleTransferOptions { Size = Size, Steps = Steps, Progress = _ => progress.Advance() });
        ImageEncoder.Save(StyleGrid.Row(content, style, result.Image, Size), Path.Combine(outDir, "style.png"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Style transfer: cat x The Starry Night at {Size} px, {Steps} L-BFGS steps in {result.Seconds:0.0} s; style loss fell {result.First.Style / result.Last.Style:0}x (style.png)"));
        var c = CultureInfo.InvariantCulture;
        return $"<h2>Neural style transfer</h2><p>Content | style | result: the Gatys optimisation on the ImageNet ResNet18, {Size} px, {Steps} L-BFGS steps, "
            + string.Create(c, $"{result.Seconds:0.0} s; the style loss fell {result.First.Style / result.Last.Style:0}×. ")
            + "<code>mlnetfaces style image</code> does this for any pair.</p><img class=\"photo\" src=\"style.png\">";
    }
}

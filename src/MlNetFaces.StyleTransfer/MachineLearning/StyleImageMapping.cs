using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The Gatys optimisation per row: content image → stylised image (PNG bytes), against fixed style images and options.
/// The ResNet18 backbone is loaded once, on the first row.
/// </summary>
public sealed class StyleImageMapping
{
    private readonly Lazy<GatysStyleTransfer> transfer = new(() => new GatysStyleTransfer(ResNet18Backbone.Load()));

    /// <summary>
    /// A mapping against <paramref name="styleFiles"/> (name and encoded bytes, decoded now) with
    /// <paramref name="options"/> (validated now; their progress and snapshot callbacks are dropped).
    /// </summary>
    public StyleImageMapping(IReadOnlyList<(string Name, byte[] Bytes)> styleFiles, StyleTransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(styleFiles);
        ArgumentNullException.ThrowIfNull(options);
        if (styleFiles.Count == 0)
        {
            throw new ArgumentException("Give at least one style image.", nameof(styleFiles));
        }

        options.Validate(styleFiles.Count);
        StyleFiles = styleFiles;
        Styles = styleFiles.Select(f => ImageDecoder.Decode(f.Bytes, f.Name)).ToList();
        Options = options with { Progress = null, Snapshot = null };
    }

    /// <summary>The style files as read (name and encoded bytes): what a saved model stores.</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> StyleFiles { get; }

    /// <summary>The decoded style images.</summary>
    public IReadOnlyList<RgbImage> Styles { get; }

    /// <summary>The transfer options every row runs with.</summary>
    public StyleTransferOptions Options { get; }

    /// <summary>A mapping from style image files on disk; a missing or unreadable one is an error now, not at the first row.</summary>
    public static StyleImageMapping FromFiles(IReadOnlyList<string> stylePaths, StyleTransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(stylePaths);
        var files = stylePaths.Select(p => File.Exists(p)
            ? (Path.GetFileName(p), File.ReadAllBytes(p))
            : throw new FileNotFoundException($"{p}: style image not found.", p)).ToList();
        return new StyleImageMapping(files, options);
    }

    /// <summary>Stylises one row's content image and reports the result (PNG bytes) with its measures; writes nothing.</summary>
    public void Map(StyleImageRow input, StyleImageResult output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var result = transfer.Value.Run(ImageDecoder.Load(input.MlNetFacesContentPath), Styles, Options);
        output.MlNetFacesOutput = ImageEncoder.EncodePng(result.Image);
        output.MlNetFacesStyleDrop = (float)result.StyleLossDrop;
        output.MlNetFacesContentLoss = (float)result.Last.Content;
    }
}

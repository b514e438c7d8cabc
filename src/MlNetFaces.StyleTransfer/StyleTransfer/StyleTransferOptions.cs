using System.Globalization;
using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>Options of <see cref="GatysStyleTransfer"/>; <see cref="Validate"/> rejects bad values with an <see cref="ArgumentException"/>.</summary>
public sealed record StyleTransferOptions : StyleOptimizationOptions
{
    /// <summary>The longest side of the output, in pixels (the content is scaled to it).</summary>
    public int Size { get; init; } = 512;

    /// <summary>The largest <see cref="Size"/> (and size × style scale): 2048 pixels, about 23 GB with L-BFGS.</summary>
    public const int MaxSize = 2048;

    /// <summary>
    /// Roughly the memory a run at <paramref name="size"/> (longest side, square image) needs, in bytes: measured 1.37 GB
    /// for 512 px and 150 L-BFGS steps, about 5.5 kB per pixel, with 0.1 GB for the process.
    /// </summary>
    public static double EstimatedBytes(double size) => 1e8 + (5_500 * size * size);

    /// <summary>The style images are scaled so that their longest side is <c>Size · StyleScale</c>.</summary>
    public double StyleScale { get; init; } = 1.0;

    /// <summary>Where the optimisation starts: the content image (default), noise or the (first) style image.</summary>
    public StyleInit Init { get; init; } = StyleInit.Content;

    /// <summary>Content layers and their weights (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? ContentLayers { get; init; }

    /// <summary>Style layers and their λ (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? StyleLayers { get; init; }

    /// <summary>Transfer the style to the luminance only and keep the content's colours (YIQ).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>Blend weights of several style images (null: equal); they are normalised to sum to 1.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>SWAG activation smoothing (null: the backbone's default, off for both ResNet18 and VGG-19).</summary>
    public bool? Smoothing { get; init; }

    /// <summary>The layers SWAG smoothing applies to, for both costs (null: the backbone's default, layer3*/layer4* for ResNet).</summary>
    public IReadOnlyList<string>? SmoothedLayers { get; init; }

    /// <summary>The softmax temperature of SWAG smoothing.</summary>
    public double SmoothingTemperature { get; init; } = 1.0;

    /// <summary>Call <see cref="Snapshot"/> every this many steps (0: never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Receives (step, image) every <see cref="SnapshotEvery"/> steps.</summary>
    public Action<int, RgbImage>? Snapshot { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate(int styleCount)
    {
        ValidateOptimization();
        if (Size < 16)
        {
            throw new ArgumentException("The size (longest side) must be at least 16 pixels.");
        }

        if (Size > MaxSize)
        {
            throw new StyleLimitException(nameof(Size), string.Create(
                CultureInfo.InvariantCulture,
                $"A size of {Size} pixels is over the limit of {MaxSize} pixels: a run at that size would need about {EstimatedBytes(Size) / 1e9:0.#} GB of memory (512 px: about 1.4 GB)."));
        }

        PositiveFinite(StyleScale, "style scale");
        if (Size * StyleScale > MaxSize)
        {
            throw new StyleLimitException(nameof(StyleScale), string.Create(
                CultureInfo.InvariantCulture,
                $"A size of {Size} pixels × a style scale of {StyleScale} = {Size * StyleScale:0} pixels for the style images is over the limit of {MaxSize}: about {EstimatedBytes(Size * StyleScale) / 1e9:0.#} GB would be needed."));
        }
        PositiveFinite(SmoothingTemperature, "smoothing temperature");
        if (SnapshotEvery < 0)
        {
            throw new ArgumentException("snapshot interval must be 0 (off) or positive.");
        }

        CheckLayers(ContentLayers, "content");
        CheckLayers(StyleLayers, "style");
        if (styleCount < 1)
        {
            throw new ArgumentException("At least one style image is needed.");
        }

        if (StyleBlend is { } blend)
        {
            if (blend.Count != styleCount)
            {
                throw new ArgumentException($"{blend.Count} blend weights for {styleCount} style images: give one weight per style image.");
            }

            foreach (var w in blend)
            {
                NonNegative(w, "blend weight");
            }

            if (!(blend.Sum() > 0))
            {
                throw new ArgumentException("The blend weights must not all be zero.");
            }
        }
    }

    private static void CheckLayers(IReadOnlyList<LayerWeight>? layers, string what)
    {
        if (layers is null)
        {
            return;
        }

        if (layers.Count == 0)
        {
            throw new ArgumentException($"At least one {what} layer is needed.");
        }

        foreach (var layer in layers)
        {
            if (string.IsNullOrWhiteSpace(layer.Layer))
            {
                throw new ArgumentException($"A {what} layer has no name.");
            }

            NonNegative(layer.Weight, $"{what} layer '{layer.Layer}' weight");
        }
    }
}

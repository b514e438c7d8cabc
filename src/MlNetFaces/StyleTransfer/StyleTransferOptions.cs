using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>Options of <see cref="GatysStyleTransfer"/>; <see cref="Validate"/> rejects bad values with an <see cref="ArgumentException"/>.</summary>
public sealed record StyleTransferOptions
{
    public const double DefaultAlpha = 1.0;
    public const double DefaultBeta = 1e6;
    public const double DefaultTotalVariationWeight = 0;
    public const double DefaultAdamLearningRate = 4.0;

    /// <summary>Optimisation steps (one forward and backward pass each).</summary>
    public int Steps { get; init; } = 300;

    /// <summary>The longest side of the output, in pixels (the content is scaled to it).</summary>
    public int Size { get; init; } = 512;

    /// <summary>The style images are scaled so that their longest side is <c>Size · StyleScale</c>.</summary>
    public double StyleScale { get; init; } = 1.0;

    public StyleInit Init { get; init; } = StyleInit.Content;

    /// <summary>Content layers and their weights (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? ContentLayers { get; init; }

    /// <summary>Style layers and their λ (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? StyleLayers { get; init; }

    /// <summary>α, the weight of J_content.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>
    /// β, the weight of J_style. 1e6 with α = 1 for the ResNet18: its batch-normalised activations are O(1), where Caffe
    /// VGG's are O(10–100), so Gatys' β/α of 1e3–1e4 transfers almost no style here. Measured at 384 px: cat × Starry
    /// Night, 100 L-BFGS steps, style loss fell 2.4× with β = 1e4 and 29× with 1e5; over 16 pairs at 150 steps β = 1e5
    /// gave 5–35× (7 pairs ≥ 20×); the worst pair (meadow × The Scream) went from 5.2× to 33× with β = 1e6 and looks painted.
    /// </summary>
    public double Beta { get; init; } = DefaultBeta;

    /// <summary>The weight of the total-variation term (on the 0..255 image); 0 turns it off.</summary>
    public double TotalVariationWeight { get; init; } = DefaultTotalVariationWeight;

    public StyleOptimizer Optimizer { get; init; } = StyleOptimizer.Lbfgs;

    /// <summary>The step size (null: 1 for L-BFGS, <see cref="DefaultAdamLearningRate"/> for Adam).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Transfer the style to the luminance only and keep the content's colours (YIQ).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>Blend weights of several style images (null: equal); they are normalised to sum to 1.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>Seed of the noise initialisation.</summary>
    public int Seed { get; init; }

    /// <summary>SWAG activation smoothing (null: the backbone's default, off for both ResNet18 and VGG-19).</summary>
    public bool? Smoothing { get; init; }

    /// <summary>The layers SWAG smoothing applies to, for both costs (null: the backbone's default, layer3*/layer4* for ResNet).</summary>
    public IReadOnlyList<string>? SmoothedLayers { get; init; }

    /// <summary>The softmax temperature of SWAG smoothing.</summary>
    public double SmoothingTemperature { get; init; } = 1.0;

    /// <summary>Called after each step.</summary>
    public Action<StyleProgress>? Progress { get; init; }

    /// <summary>Call <see cref="Snapshot"/> every this many steps (0: never).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Receives (step, image) every <see cref="SnapshotEvery"/> steps.</summary>
    public Action<int, RgbImage>? Snapshot { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate(int styleCount)
    {
        Positive(Steps, "steps");
        if (Size < 16)
        {
            throw new ArgumentException("The size (longest side) must be at least 16 pixels.");
        }

        PositiveFinite(StyleScale, "style scale");
        NonNegative(Alpha, "alpha");
        NonNegative(Beta, "beta");
        NonNegative(TotalVariationWeight, "total-variation weight");
        PositiveFinite(SmoothingTemperature, "smoothing temperature");
        if (LearningRate is { } lr)
        {
            PositiveFinite(lr, "learning rate");
        }

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

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {value}.");
        }
    }

    private static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a positive number, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be zero or positive, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}

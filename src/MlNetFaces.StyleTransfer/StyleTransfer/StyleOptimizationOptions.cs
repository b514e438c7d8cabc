using System.Globalization;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// The options every Gatys-style optimisation shares, whatever the signal's dimensionality (images, audio spectrograms,
/// volumes): steps, the cost weights α, β, w_TV, the optimiser and its step size, the seed and the progress callback.
/// </summary>
public abstract record StyleOptimizationOptions
{
    /// <summary>The default content weight α: 1.</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary>The default style weight β: 1e6 (images; audio and volumes set their own).</summary>
    public const double DefaultBeta = 1e6;

    /// <summary>The default total-variation weight: 0 (off).</summary>
    public const double DefaultTotalVariationWeight = 0;

    /// <summary>The default Adam step size: 4.</summary>
    public const double DefaultAdamLearningRate = 4.0;

    /// <summary>Optimisation steps (one forward and backward pass each).</summary>
    public int Steps { get; init; } = 300;

    /// <summary>α, the weight of J_content.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>
    /// β, the weight of J_style. 1e6 with α = 1 suits the ResNet18 image backbone (its batch-normalised activations are
    /// O(1); measured at 384 px, the worst of 16 pairs went from a 5.2× style-loss drop at 1e5 to 33× at 1e6); the audio
    /// and volume options set their own defaults.
    /// </summary>
    public double Beta { get; init; } = DefaultBeta;

    /// <summary>The weight of the total-variation term; 0 turns it off.</summary>
    public double TotalVariationWeight { get; init; } = DefaultTotalVariationWeight;

    /// <summary>The optimiser: L-BFGS (default) or Adam.</summary>
    public StyleOptimizer Optimizer { get; init; } = StyleOptimizer.Lbfgs;

    /// <summary>The step size (null: 1 for L-BFGS, <see cref="DefaultAdamLearningRate"/> for Adam).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Seed of the noise initialisation (and of random-weight feature nets).</summary>
    public int Seed { get; init; }

    /// <summary>Called after each step.</summary>
    public Action<StyleProgress>? Progress { get; init; }

    /// <summary>The most optimisation steps a run takes: 100,000 (more is a <see cref="StyleLimitException"/>).</summary>
    public const int MaxSteps = 100_000;

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the first bad shared option, or a <see cref="StyleLimitException"/>
    /// when <see cref="Steps"/> is over <see cref="MaxSteps"/>.
    /// </summary>
    protected void ValidateOptimization()
    {
        Positive(Steps, "steps");
        if (Steps > MaxSteps)
        {
            throw new StyleLimitException(nameof(Steps), string.Create(CultureInfo.InvariantCulture, $"{Steps} optimisation steps are over the limit of {MaxSteps:N0} steps."));
        }

        NonNegative(Alpha, "alpha");
        NonNegative(Beta, "beta");
        NonNegative(TotalVariationWeight, "total-variation weight");
        if (LearningRate is { } lr)
        {
            PositiveFinite(lr, "learning rate");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="value"/> (called <paramref name="name"/>) is not positive.</summary>
    protected static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {value}.");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="value"/> (called <paramref name="name"/>) is not a positive finite number.</summary>
    protected static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="value"/> (called <paramref name="name"/>) is negative, NaN or infinite.</summary>
    protected static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} must be zero or positive, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}

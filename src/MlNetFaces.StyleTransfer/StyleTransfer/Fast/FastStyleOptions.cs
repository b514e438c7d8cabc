namespace MlNetFaces.StyleTransfer.Fast;

/// <summary>Options of the fast style network's training (<see cref="MachineLearning.FastStyleEstimator"/>); the costs and their weights are those of the Gatys optimisation.</summary>
public sealed record FastStyleOptions
{
    /// <summary>Adam steps, each on a batch of random content crops.</summary>
    public int Iterations { get; init; } = 400;

    /// <summary>Content crops per Adam step.</summary>
    public int BatchSize { get; init; } = 2;

    /// <summary>The side of the square training crops (a multiple of 4).</summary>
    public int CropSize { get; init; } = 256;

    /// <summary>The longest side the style image is scaled to before its Gram matrices are taken.</summary>
    public int StyleSize { get; init; } = 256;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>α, the weight of J_content.</summary>
    public double Alpha { get; init; } = StyleTransferOptions.DefaultAlpha;

    /// <summary>β, the weight of J_style (see <see cref="StyleOptimizationOptions.Beta"/>).</summary>
    public double Beta { get; init; } = StyleTransferOptions.DefaultBeta;

    /// <summary>The weight of the total-variation term of the output (0..255), which keeps it free of checkerboard noise.</summary>
    public double TotalVariationWeight { get; init; } = 1e-2;

    /// <summary>Content layers (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? ContentLayers { get; init; }

    /// <summary>Style layers and their λ (null: the backbone's default).</summary>
    public IReadOnlyList<LayerWeight>? StyleLayers { get; init; }

    /// <summary>The network's first-layer channel count (<see cref="FastStyleNet"/>).</summary>
    public int Width { get; init; } = 16;

    /// <summary>Residual blocks between the encoder and the decoder (<see cref="FastStyleNet"/>; Johnson: 5).</summary>
    public int ResidualBlocks { get; init; } = 5;

    /// <summary>Seed of the weights, the crops and their order: the same seed gives the same network.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Called after each iteration.</summary>
    public Action<StyleProgress>? Progress { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        Positive(Iterations, "iterations");
        Positive(BatchSize, "batch size");
        if (CropSize < 32 || CropSize % 4 != 0)
        {
            throw new ArgumentException($"The crop size must be a multiple of 4 and at least 32, got {CropSize}.");
        }

        Positive(StyleSize, "style size");
        if (!(LearningRate > 0))
        {
            throw new ArgumentException($"The learning rate must be positive, got {LearningRate}.");
        }

        if (Alpha < 0 || Beta < 0 || TotalVariationWeight < 0 || double.IsNaN(Alpha + Beta + TotalVariationWeight))
        {
            throw new ArgumentException("The weights α, β and the total-variation weight must not be negative.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"The {name} must be at least 1, got {value}.");
        }
    }
}

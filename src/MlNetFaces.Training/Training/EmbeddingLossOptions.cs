namespace MlNetFaces.Training;

/// <summary>Options of <see cref="EmbeddingLosses"/>.</summary>
public sealed record EmbeddingLossOptions
{
    /// <summary>Which loss: triplet (default) or contrastive.</summary>
    public LossKind Loss { get; init; } = LossKind.Triplet;

    /// <summary>How the pairs or triplets of a P×K batch are chosen (default: semi-hard negatives).</summary>
    public MiningStrategy Mining { get; init; } = MiningStrategy.SemiHard;

    /// <summary>α of the triplet loss (on squared distances); default 0.2 as in FaceNet.</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>m of the contrastive loss (on Euclidean distances); default 1.0.</summary>
    public double ContrastiveMargin { get; init; } = 1.0;

    /// <summary>L2-normalise the embeddings before the distances (default on).</summary>
    public bool Normalize { get; init; } = true;
}

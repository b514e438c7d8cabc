namespace MlNetFaces.Evaluation;

/// <summary>A pair whose two embeddings were found: its distance features ([squared L2, L2, cosine]), label and fold.</summary>
public sealed record ScoredPair(ImagePair Pair, float[] Features)
{
    /// <summary>The Euclidean distance (the score of the threshold rule; lower = more alike).</summary>
    public double Distance => Features[1];
}

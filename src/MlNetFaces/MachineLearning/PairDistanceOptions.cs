namespace MlNetFaces.MachineLearning;

/// <summary>Options of <see cref="PairDistanceEstimator"/> (<see cref="MlNetFacesCatalog.FacePairDistances(Microsoft.ML.TransformsCatalog, PairDistanceOptions)"/>).</summary>
public sealed class PairDistanceOptions
{
    /// <summary>Output column: 3 floats, [squared L2, L2, cosine] distance of the two embeddings.</summary>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>Column of the first embedding (a float vector).</summary>
    public string FirstEmbeddingColumnName { get; set; } = "Embedding1";

    /// <summary>Column of the second embedding (a float vector of the same length).</summary>
    public string SecondEmbeddingColumnName { get; set; } = "Embedding2";
}

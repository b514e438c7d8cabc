using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>Input row of the face-embedding mapping (internal column names; the estimators copy the user's columns in and out).</summary>
public sealed class FaceImageRow
{
    /// <summary>The image file.</summary>
    public string MlNetFacesImagePath { get; set; } = string.Empty;
}

/// <summary>Output row of the face-embedding mapping: 128-D descriptor (zeros when no face) and whether a face was found.</summary>
public sealed class FaceEmbeddingRow
{
    /// <summary>The 128-D descriptor (zeros when no face).</summary>
    [VectorType(128)]
    public float[] MlNetFacesEmbedding { get; set; } = new float[128];

    /// <summary>Whether a face was found.</summary>
    public bool MlNetFacesHasFace { get; set; }
}

/// <summary>Input row of the pair-distance mapping.</summary>
public sealed class EmbeddingPairRow
{
    /// <summary>The first embedding.</summary>
    [VectorType(128)]
    public float[] MlNetFacesEmbeddingA { get; set; } = [];

    /// <summary>The second embedding.</summary>
    [VectorType(128)]
    public float[] MlNetFacesEmbeddingB { get; set; } = [];
}

/// <summary>Output row of the pair-distance mapping: [squared L2, L2, cosine].</summary>
public sealed class PairDistanceRow
{
    /// <summary>[squared L2, L2, cosine].</summary>
    [VectorType(3)]
    public float[] MlNetFacesDistances { get; set; } = new float[3];
}

using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>Input row of the face-embedding mapping (internal column names; the estimators copy the user's columns in and out).</summary>
public sealed class FaceImageRow
{
    public string MlNetFacesImagePath { get; set; } = string.Empty;
}

/// <summary>Output row of the face-embedding mapping: 128-D descriptor (zeros when no face) and whether a face was found.</summary>
public sealed class FaceEmbeddingRow
{
    [VectorType(128)]
    public float[] MlNetFacesEmbedding { get; set; } = new float[128];

    public bool MlNetFacesHasFace { get; set; }
}

/// <summary>Input row of the pair-distance mapping.</summary>
public sealed class EmbeddingPairRow
{
    [VectorType(128)]
    public float[] MlNetFacesEmbeddingA { get; set; } = [];

    [VectorType(128)]
    public float[] MlNetFacesEmbeddingB { get; set; } = [];
}

/// <summary>Output row of the pair-distance mapping: [squared L2, L2, cosine].</summary>
public sealed class PairDistanceRow
{
    [VectorType(3)]
    public float[] MlNetFacesDistances { get; set; } = new float[3];
}

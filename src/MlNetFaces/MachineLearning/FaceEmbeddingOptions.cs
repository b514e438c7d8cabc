using MlNetFaces.Faces;

namespace MlNetFaces.MachineLearning;

/// <summary>Options of <see cref="FaceEmbeddingEstimator"/>.</summary>
public sealed class FaceEmbeddingOptions
{
    /// <summary>Column of image file paths (text).</summary>
    public string InputColumnName { get; set; } = "ImagePath";

    /// <summary>Output column: 128 floats (zeros when no face). A bool column <c>{OutputColumnName}HasFace</c> is added.</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>Average the descriptor of the horizontally flipped aligned crop into the embedding.</summary>
    public bool FlipAugmentation { get; set; }
}

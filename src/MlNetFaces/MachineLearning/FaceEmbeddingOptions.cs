using MlNetFaces.Faces;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Options of <see cref="FaceEmbeddingEstimator"/> (<see cref="MlNetFacesCatalog.DetectAndEmbedFaces(Microsoft.ML.TransformsCatalog, FaceEmbeddingOptions)"/>).
/// The columns, detector and flip augmentation are saved with the model (in its contract name); the device and the
/// model store are settings of this machine and are not.
/// </summary>
public sealed class FaceEmbeddingOptions
{
    /// <summary>Column of image file paths (text).</summary>
    public string InputColumnName { get; set; } = "ImagePath";

    /// <summary>Output column: 128 floats (zeros when no face). A bool column <c>{OutputColumnName}HasFace</c> is added.</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>The face detector that finds the face to embed.</summary>
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>Average the descriptor of the horizontally flipped aligned crop into the embedding.</summary>
    public bool FlipAugmentation { get; set; }

    /// <summary>Where the nets run: "cpu" or "cuda[:N]". Not saved with the model (a reloaded model runs on the CPU unless told otherwise).</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Where the pretrained files live; null: the default store (fetched on first use). Not saved with the model.</summary>
    public ModelStore? Store { get; set; }
}

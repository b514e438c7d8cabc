using Microsoft.ML.Data;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>Output row of the face-crop mapping: the 150×150 crop as float CHW 0..255 (zeros when no face) and whether a face was found.</summary>
public sealed class FaceCropRow
{
    /// <summary>The crop, float CHW 0..255 (zeros when no face).</summary>
    [VectorType(3, EmbeddingNetwork.InputSize, EmbeddingNetwork.InputSize)]
    public float[] MlNetFacesCrop { get; set; } = new float[3 * EmbeddingNetwork.InputSize * EmbeddingNetwork.InputSize];

    /// <summary>Whether a face was found (and the file read).</summary>
    public bool MlNetFacesCropHasFace { get; set; }
}

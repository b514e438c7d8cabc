using Microsoft.ML.Data;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>Output row of the face-crop mapping: the 150×150 crop as float CHW 0..255 (zeros when no face) and whether a face was found.</summary>
public sealed class FaceCropRow
{
    [VectorType(3, EmbeddingNetwork.InputSize, EmbeddingNetwork.InputSize)]
    public float[] MlNetFacesCrop { get; set; } = new float[3 * EmbeddingNetwork.InputSize * EmbeddingNetwork.InputSize];

    public bool MlNetFacesCropHasFace { get; set; }
}

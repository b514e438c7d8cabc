using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>What a trained embedding model zip records beside the ML.NET model (entry <c>mlnetfaces-embedding.json</c>).</summary>
public sealed record TrainedEmbeddingInfo(
    FaceCropMode CropMode,
    EmbeddingNetworkSpec Network,
    string Loss,
    string Mining,
    int Epochs,
    int Steps,
    double TrainingSeconds,
    int Identities,
    int Images);

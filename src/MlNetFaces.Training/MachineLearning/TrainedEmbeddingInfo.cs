using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>What a trained embedding model zip records beside the ML.NET model (entry <c>MlNetFaces/embedding.json</c>).</summary>
/// <param name="CropMode">How an image becomes the net's input.</param>
/// <param name="Network">The net's spec.</param>
/// <param name="Loss">The loss it was trained with (as the command line names it).</param>
/// <param name="Mining">The mining strategy (as the command line names it).</param>
/// <param name="Epochs">The epoch whose weights the net carries.</param>
/// <param name="Steps">Training steps taken.</param>
/// <param name="TrainingSeconds">Training time.</param>
/// <param name="Identities">Identities trained on.</param>
/// <param name="Images">Images trained on.</param>
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

namespace MlNetFaces.Training;

/// <summary>One training step, as the progress bar shows it (distances are squared, on the normalised embeddings).</summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double ActiveFraction,
    double MeanPositiveDistance,
    double MeanNegativeDistance,
    double EmbeddingNorm,
    double Seconds);

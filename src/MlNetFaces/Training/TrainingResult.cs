namespace MlNetFaces.Training;

/// <summary>The trained net (in eval mode) and what the run did.</summary>
public sealed record TrainingResult(
    EmbeddingNetwork Network,
    int Epochs,
    int Steps,
    double Seconds,
    IReadOnlyList<double> EpochLosses,
    IReadOnlyList<string> Warnings,
    bool StoppedByTimeLimit);

namespace MlNetFaces.Training;

/// <summary>
/// The trained net (in eval mode) and what the run did. With validation, <see cref="Validation"/> holds the score before
/// training and after each epoch, and the net carries the weights of <see cref="SelectedEpoch"/> (the best score: balanced accuracy, then AUC);
/// without, <see cref="SelectedEpoch"/> is the last epoch.
/// </summary>
public sealed record TrainingResult(
    EmbeddingNetwork Network,
    int Epochs,
    int Steps,
    double Seconds,
    IReadOnlyList<double> EpochLosses,
    IReadOnlyList<string> Warnings,
    bool StoppedByTimeLimit,
    IReadOnlyList<EpochValidation> Validation,
    int SelectedEpoch);

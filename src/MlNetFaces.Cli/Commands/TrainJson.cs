namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The JSON document of <c>train --json</c> (<c>skipped_items</c>: the first 50 of <c>skipped</c>; <c>validation</c>:
/// the held-out score before training and after each epoch; <c>selected_epoch</c>: whose weights the model holds).
/// </summary>
internal sealed record TrainJson(
    string Model,
    string Loss,
    string Mining,
    string From,
    string Crop,
    int Identities,
    int Images,
    int Skipped,
    IReadOnlyList<string> SkippedItems,
    int Epochs,
    int Steps,
    double TrainingSeconds,
    double Seconds,
    IReadOnlyList<double> EpochLosses,
    bool StoppedByTimeLimit,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ValidationJson> Validation,
    int SelectedEpoch);

/// <summary>One validation score of <see cref="TrainJson"/>.</summary>
internal sealed record ValidationJson(int Epoch, double Auc, double BalancedAccuracy);

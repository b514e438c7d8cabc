namespace MlNetFaces.Training;

/// <summary>
/// How well the net separates the held-out people after <see cref="Epoch"/> epochs (0: before training): over every
/// pair of validation images, the ROC AUC of −distance and the best balanced accuracy (mean of TPR and TNR at the best
/// threshold, as on LFW's balanced pair sets).
/// </summary>
public sealed record EpochValidation(int Epoch, double Auc, double BalancedAccuracy, int SamePairs, int DifferentPairs);

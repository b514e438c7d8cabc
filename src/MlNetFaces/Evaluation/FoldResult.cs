namespace MlNetFaces.Evaluation;

/// <summary>One fold of the protocol: the distance threshold chosen on the other folds and the accuracies on this one.</summary>
public sealed record FoldResult(int Fold, int Pairs, double Threshold, double Accuracy, double ClassifierAccuracy);

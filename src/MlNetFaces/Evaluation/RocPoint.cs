namespace MlNetFaces.Evaluation;

/// <summary>One point of a ROC curve: accepting every pair whose score is ≥ <see cref="Threshold"/>.</summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);

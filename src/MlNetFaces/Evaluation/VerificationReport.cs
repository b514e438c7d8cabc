namespace MlNetFaces.Evaluation;

/// <summary>
/// Results of a verification protocol: per-fold accuracy of the distance threshold (chosen on the other folds)
/// and of the ML.NET classifier, plus ROC, AUC, EER and TAR@FAR over all scored pairs.
/// </summary>
public sealed record VerificationReport(
    int Pairs,
    IReadOnlyList<FoldResult> Folds,
    RocCurve Roc,
    double Threshold)
{
    /// <summary>Mean over folds of the distance threshold's accuracy.</summary>
    public double AccuracyMean => Folds.Average(f => f.Accuracy);

    /// <summary>Standard deviation over folds (population, as LFW results are usually reported).</summary>
    public double AccuracyStd => Std(Folds.Select(f => f.Accuracy).ToList());

    /// <summary>Mean over folds of the ML.NET classifier's accuracy.</summary>
    public double ClassifierAccuracyMean => Folds.Average(f => f.ClassifierAccuracy);

    /// <summary>Standard deviation over folds of the classifier's accuracy (population).</summary>
    public double ClassifierAccuracyStd => Std(Folds.Select(f => f.ClassifierAccuracy).ToList());

    /// <summary>Area under the ROC curve of all pairs.</summary>
    public double Auc => Roc.Auc;

    /// <summary>The rate at which false accepts and false rejects are equal, on all pairs.</summary>
    public double EqualErrorRate => Roc.EqualErrorRate;

    /// <summary>TAR at FAR = 1e-3 and 1e-2.</summary>
    public IReadOnlyDictionary<string, double> TarAtFar => new Dictionary<string, double>
    {
        ["0.001"] = Roc.TarAtFar(1e-3),
        ["0.01"] = Roc.TarAtFar(1e-2),
    };

    private static double Std(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

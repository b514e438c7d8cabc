using MlNetFaces.Evaluation;

namespace MlNetFaces.Cli.Commands;

/// <summary>The <c>evaluate</c> JSON document (docs/CLI-JSON.md), plain embeddings first, flip TTA under <c>tta</c>.</summary>
internal sealed record EvaluationJson(
    int Pairs,
    int Failed,
    double AccuracyMean,
    double AccuracyStd,
    double Auc,
    double Eer,
    double Threshold,
    IReadOnlyDictionary<string, double> TarAtFar,
    double Seconds,
    double ClassifierAccuracyMean,
    double ClassifierAccuracyStd,
    IReadOnlyList<double> FoldAccuracies,
    EvaluationJson.Augmented Tta)
{
    public static EvaluationJson From(VerificationRun run, VerificationReport plain, VerificationReport flip, double seconds) => new(
        plain.Pairs,
        run.Failed.Count,
        Round(plain.AccuracyMean),
        Round(plain.AccuracyStd),
        Round(plain.Auc),
        Round(plain.EqualErrorRate),
        Round(plain.Threshold),
        plain.TarAtFar.ToDictionary(kv => kv.Key, kv => Round(kv.Value)),
        Math.Round(seconds, 1),
        Round(plain.ClassifierAccuracyMean),
        Round(plain.ClassifierAccuracyStd),
        plain.Folds.Select(f => Round(f.Accuracy)).ToList(),
        new Augmented(
            "flip",
            Round(flip.AccuracyMean),
            Round(flip.AccuracyStd),
            Round(flip.ClassifierAccuracyMean),
            Round(flip.ClassifierAccuracyStd),
            Round(flip.Auc),
            Round(flip.EqualErrorRate),
            Round(flip.Threshold),
            flip.TarAtFar.ToDictionary(kv => kv.Key, kv => Round(kv.Value))));

    private static double Round(double value) => Math.Round(value, 6);

    /// <summary>The same metrics with test-time augmentation.</summary>
    internal sealed record Augmented(
        string Kind,
        double AccuracyMean,
        double AccuracyStd,
        double ClassifierAccuracyMean,
        double ClassifierAccuracyStd,
        double Auc,
        double Eer,
        double Threshold,
        IReadOnlyDictionary<string, double> TarAtFar);
}

namespace MlNetFaces.Evaluation;

/// <summary>
/// The ROC curve of scored pairs (higher score = more likely the same person; use −distance for distances),
/// computed by sorting the scores and sweeping the threshold over every distinct value (ML.NET has no ROC API).
/// </summary>
public sealed class RocCurve
{
    private readonly double[] sortedScores;
    private readonly bool[] sortedLabels;

    /// <summary>Computes the curve, its AUC and its points.</summary>
    /// <param name="scores">One score per pair, none NaN; higher means more likely the same person.</param>
    /// <param name="labels">Whether each pair is the same person; both kinds must occur.</param>
    public RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels.", nameof(labels));
        }

        Positives = labels.Count(l => l);
        Negatives = labels.Count - Positives;
        if (Positives == 0 || Negatives == 0)
        {
            throw new ArgumentException("A ROC curve needs both same-person and different-person pairs.", nameof(labels));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException("Scores must not be NaN.", nameof(scores));
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        sortedScores = order.Select(i => scores[i]).ToArray();
        sortedLabels = order.Select(i => labels[i]).ToArray();
        Points = Sweep();
        Auc = Trapezoid(Points);
    }

    /// <summary>The number of same-person pairs.</summary>
    public int Positives { get; }

    /// <summary>The number of different-person pairs.</summary>
    public int Negatives { get; }

    /// <summary>From (0,0) (threshold +∞) to (1,1), FPR and TPR non-decreasing.</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>Area under the curve (ties counted as ½, like ML.NET's evaluator).</summary>
    public double Auc { get; }

    /// <summary>Equal error rate: where FPR = 1 − TPR, interpolated linearly between neighbouring points.</summary>
    public double EqualErrorRate => EerPoint().Rate;

    /// <summary>The threshold at the equal error rate.</summary>
    public double EerThreshold => EerPoint().Threshold;

    /// <summary>True accept rate at the largest threshold whose false accept rate is ≤ <paramref name="far"/>.</summary>
    public double TarAtFar(double far) => Points.Where(p => p.FalsePositiveRate <= far).Max(p => p.TruePositiveRate);

    /// <summary>
    /// A threshold achieving <see cref="TarAtFar"/> (accept score ≥ threshold), midway to the next lower score;
    /// +∞ when not even the best-scored pair can be accepted at that rate.
    /// </summary>
    public double ThresholdAtFar(double far) =>
        Midpoint(Points.Where(p => p.FalsePositiveRate <= far).MaxBy(p => (p.TruePositiveRate, p.Threshold)).Threshold);

    /// <summary>The threshold of maximum accuracy (midway between neighbouring scores).</summary>
    public double MaxAccuracyThreshold()
    {
        var best = -1.0;
        var bestThreshold = double.PositiveInfinity;
        foreach (var p in Points)
        {
            var accuracy = ((p.TruePositiveRate * Positives) + ((1 - p.FalsePositiveRate) * Negatives)) / (Positives + Negatives);
            if (accuracy > best)
            {
                best = accuracy;
                bestThreshold = p.Threshold;
            }
        }

        return Midpoint(bestThreshold);
    }

    /// <summary>Fraction of pairs classified correctly when accepting scores ≥ <paramref name="threshold"/>.</summary>
    public double AccuracyAt(double threshold)
    {
        var correct = 0;
        for (var i = 0; i < sortedScores.Length; i++)
        {
            if ((sortedScores[i] >= threshold) == sortedLabels[i])
            {
                correct++;
            }
        }

        return (double)correct / sortedScores.Length;
    }

    private List<RocPoint> Sweep()
    {
        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        int tp = 0, fp = 0;
        for (var i = 0; i < sortedScores.Length; i++)
        {
            if (sortedLabels[i])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            // Emit a point only after the last of a run of equal scores: ties move diagonally.
            if (i + 1 == sortedScores.Length || sortedScores[i + 1] != sortedScores[i])
            {
                points.Add(new RocPoint((double)fp / Negatives, (double)tp / Positives, sortedScores[i]));
            }
        }

        return points;
    }

    private static double Trapezoid(IReadOnlyList<RocPoint> points)
    {
        double area = 0;
        for (var i = 1; i < points.Count; i++)
        {
            area += (points[i].FalsePositiveRate - points[i - 1].FalsePositiveRate)
                * (points[i].TruePositiveRate + points[i - 1].TruePositiveRate) / 2;
        }

        return area;
    }

    private (double Rate, double Threshold) EerPoint()
    {
        for (var i = 1; i < Points.Count; i++)
        {
            var a = Points[i - 1];
            var b = Points[i];
            var da = a.FalsePositiveRate - (1 - a.TruePositiveRate);
            var db = b.FalsePositiveRate - (1 - b.TruePositiveRate);
            if (da <= 0 && db >= 0)
            {
                var t = db == da ? 0 : -da / (db - da);
                var rate = a.FalsePositiveRate + (t * (b.FalsePositiveRate - a.FalsePositiveRate));
                return (rate, b.Threshold);
            }
        }

        return (0.5, Points[^1].Threshold);
    }

    // A threshold halfway to the next lower score, so that small perturbations do not flip the boundary pair.
    private double Midpoint(double threshold)
    {
        var index = Array.FindIndex(sortedScores, s => s < threshold);
        return double.IsPositiveInfinity(threshold) || index < 0 ? threshold : (threshold + sortedScores[index]) / 2;
    }
}

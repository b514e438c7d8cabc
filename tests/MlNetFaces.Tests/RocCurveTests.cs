using Microsoft.ML;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests;

public class RocCurveTests
{
    [Fact]
    public void SmallCurveMatchesHandComputedValues()
    {
        // scores (desc): 0.9 P, 0.8 N, 0.7 P, 0.6 P, 0.2 N  → 3 positives, 2 negatives
        var roc = new RocCurve([0.9, 0.8, 0.7, 0.6, 0.2], [true, false, true, true, false]);
        Assert.Equal(
            new[] { (0.0, 0.0), (0.0, 1 / 3.0), (0.5, 1 / 3.0), (0.5, 2 / 3.0), (0.5, 1.0), (1.0, 1.0) },
            roc.Points.Select(p => (p.FalsePositiveRate, Math.Round(p.TruePositiveRate, 12))).Select(p => (p.FalsePositiveRate, p.Item2)).ToArray(),
            new TupleComparer());
        Assert.Equal(4 / 6.0, roc.Auc, 12);                 // (P,N) pairs ranked right: 4 of 6
        Assert.Equal(0.8, roc.AccuracyAt(0.6), 12);         // accept ≥ 0.6: 3 TP, 1 FP, 1 TN
        Assert.Equal(1 / 3.0, roc.TarAtFar(0.0), 12);
        Assert.Equal(1.0, roc.TarAtFar(0.5), 12);
        Assert.InRange(roc.MaxAccuracyThreshold(), 0.2, 0.6); // between 0.6 and 0.2: accuracy 4/5
    }

    [Fact]
    public void TiesMoveDiagonallyAndCountHalf()
    {
        var roc = new RocCurve([0.5, 0.5], [true, false]);
        Assert.Equal(2, roc.Points.Count);
        Assert.Equal(0.5, roc.Auc, 12);
        Assert.Equal(0.5, roc.EqualErrorRate, 12);
    }

    [Fact]
    public void CurveIsMonotonicAndEndsAtOneOne()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 500).Select(i => i % 3 == 0).ToList();
        var scores = labels.Select(l => (l ? 0.6 : 0.4) + (random.NextDouble() * 0.5)).ToList();
        var roc = new RocCurve(scores, labels);
        Assert.Equal((0.0, 0.0), (roc.Points[0].FalsePositiveRate, roc.Points[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (roc.Points[^1].FalsePositiveRate, roc.Points[^1].TruePositiveRate));
        for (var i = 1; i < roc.Points.Count; i++)
        {
            Assert.True(roc.Points[i].FalsePositiveRate >= roc.Points[i - 1].FalsePositiveRate);
            Assert.True(roc.Points[i].TruePositiveRate >= roc.Points[i - 1].TruePositiveRate);
            Assert.True(roc.Points[i].Threshold < roc.Points[i - 1].Threshold);
        }

        Assert.InRange(roc.EqualErrorRate, 0.0, 0.5);
    }

    [Fact]
    public void AucEqualsMlNetEvaluatorOnTheSameScores()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var same = i % 2 == 0;
            var score = (float)((same ? 1.0 : 0.0) + (random.NextDouble() * 1.5) - 1.0);
            return new ScoreRow { Label = same, Score = score, PredictedLabel = score > 0 };
        }).ToList();
        var context = new MLContext(1);
        var metrics = context.BinaryClassification.EvaluateNonCalibrated(context.Data.LoadFromEnumerable(rows));
        var roc = new RocCurve(rows.Select(r => (double)r.Score).ToList(), rows.Select(r => r.Label).ToList());
        Assert.Equal(metrics.AreaUnderRocCurve, roc.Auc, 9);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new RocCurve([0.1, 0.2], [true, true]));
        Assert.Throws<ArgumentException>(() => new RocCurve([0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => new RocCurve([double.NaN, 0.2], [true, false]));
    }

    private sealed class ScoreRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class TupleComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}

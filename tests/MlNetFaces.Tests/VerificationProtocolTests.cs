using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests;

public class VerificationProtocolTests
{
    [Fact]
    public void ThresholdIsChosenOnTheOtherFoldsOnly()
    {
        // Folds 1–9: same pairs at distance 0.3, different at 0.9 → best threshold 0.6.
        // Fold 0: same pairs at 0.7 (would pull the threshold above 0.7 if it leaked into training).
        var pairs = new List<ScoredPair>();
        for (var fold = 0; fold < 10; fold++)
        {
            for (var i = 0; i < 20; i++)
            {
                var sameDistance = fold == 0 ? 0.7f : 0.3f;
                pairs.Add(Scored(true, fold, sameDistance + (i * 0.001f)));
                pairs.Add(Scored(false, fold, 0.9f + (i * 0.001f)));
            }
        }

        var report = VerificationProtocol.Run(pairs);
        var fold0 = report.Folds.Single(f => f.Fold == 0);
        var trainOnly = VerificationProtocol.ChooseThreshold(pairs.Where(p => p.Pair.Fold != 0).ToList());
        Assert.Equal(trainOnly, fold0.Threshold, 12);
        Assert.True(fold0.Threshold < 0.7, $"threshold {fold0.Threshold} must not have seen fold 0");
        Assert.Equal(0.5, fold0.Accuracy, 12);               // fold 0's same pairs are all rejected
        Assert.True(VerificationProtocol.ChooseThreshold(pairs) > 0.7); // with leakage it would be higher
        Assert.Equal(10, report.Folds.Count);
    }

    [Fact]
    public void PairsWithoutFoldsAreSpreadOverFolds()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => Scored(i % 2 == 0, -1, i % 2 == 0 ? 0.2f + (i * 0.001f) : 1.0f + (i * 0.001f))).ToList();
        var report = VerificationProtocol.Run(pairs);
        Assert.Equal(10, report.Folds.Count);
        Assert.All(report.Folds, f => Assert.Equal(4, f.Pairs));
        Assert.Equal(1.0, report.AccuracyMean, 12);
        Assert.Equal(1.0, report.Auc, 12);
    }

    [Fact]
    public void ReportsEachFoldAndStopsWhenCancelled()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => Scored(i % 2 == 0, -1, i % 2 == 0 ? 0.2f + (i * 0.001f) : 1.0f + (i * 0.001f))).ToList();
        var seen = new List<ItemProgress>();
        VerificationProtocol.Run(pairs, progress: new InlineProgress<ItemProgress>(seen.Add));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => new ItemProgress(i, 10)), seen);

        using var cancel = new CancellationTokenSource();
        var folds = 0;
        var stopAfterThree = new InlineProgress<ItemProgress>(p =>
        {
            folds = p.Done;
            if (p.Done == 3)
            {
                cancel.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => VerificationProtocol.Run(pairs, progress: stopAfterThree, cancellationToken: cancel.Token));
        Assert.Equal(3, folds);
    }

    [Fact]
    public void TooFewPairsGiveAClearError()
    {
        var pairs = new List<ScoredPair> { Scored(true, -1, 0.1f), Scored(false, -1, 0.9f) };
        Assert.Contains("at least 2 same-person", Assert.Throws<ArgumentException>(() => VerificationProtocol.Run(pairs)).Message, StringComparison.Ordinal);
    }

    private static ScoredPair Scored(bool same, int fold, float distance) =>
        new(new ImagePair("a", "b", same, fold), [distance * distance, distance, distance / 2]);
}

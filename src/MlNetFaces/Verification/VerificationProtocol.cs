namespace MlNetFaces.Verification;

/// <summary>
/// The LFW View 2 protocol for any scored pairs: for each fold, the distance threshold (max accuracy) and the
/// ML.NET classifier are fitted on the other folds only and tested on it. Pairs without a fold get folds by index.
/// </summary>
public static class VerificationProtocol
{
    public static VerificationReport Run(IReadOnlyList<ScoredPair> pairs, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var folded = pairs.Select((p, i) => p.Pair.Fold >= 0 ? p : p with { Pair = p.Pair with { Fold = i % 10 } }).ToList();
        var folds = folded.Select(p => p.Pair.Fold).Distinct().Order().ToList();
        if (folds.Count < 2)
        {
            throw new ArgumentException("The protocol needs at least two folds of scored pairs.", nameof(pairs));
        }

        var results = new List<FoldResult>();
        foreach (var fold in folds)
        {
            var train = folded.Where(p => p.Pair.Fold != fold).ToList();
            var test = folded.Where(p => p.Pair.Fold == fold).ToList();
            var threshold = ChooseThreshold(train);
            var accuracy = test.Count(p => (p.Distance < threshold) == p.Pair.Same) / (double)test.Count;
            var classifier = VerificationClassifier.Train(train, seed);
            var classifierAccuracy = test.Count(p => classifier.Predict(p.Features).Same == p.Pair.Same) / (double)test.Count;
            results.Add(new FoldResult(fold, test.Count, threshold, accuracy, classifierAccuracy));
        }

        var roc = Roc(folded);
        return new VerificationReport(folded.Count, results, roc, ChooseThreshold(folded));
    }

    /// <summary>ROC of the pairs with score = −distance.</summary>
    public static RocCurve Roc(IReadOnlyList<ScoredPair> pairs) =>
        new(pairs.Select(p => -p.Distance).ToList(), pairs.Select(p => p.Pair.Same).ToList());

    /// <summary>The distance threshold of maximum accuracy on these pairs (same person when distance &lt; threshold).</summary>
    public static double ChooseThreshold(IReadOnlyList<ScoredPair> pairs) => -Roc(pairs).MaxAccuracyThreshold();
}

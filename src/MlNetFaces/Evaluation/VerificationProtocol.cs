using MlNetFaces.MachineLearning;

namespace MlNetFaces.Evaluation;

/// <summary>
/// The LFW View 2 protocol for any scored pairs: for each fold, the distance threshold (max accuracy) and the
/// ML.NET classifier are fitted on the other folds only and tested on it. Pairs without a fold get folds by index.
/// </summary>
public static class VerificationProtocol
{
    /// <summary>Runs the protocol: per fold, the threshold and the classifier fitted on the other folds and tested on it.</summary>
    /// <param name="pairs">Scored pairs of both classes (at least 2 of each).</param>
    /// <param name="seed">Seeds the ML.NET classifier of each fold.</param>
    /// <param name="progress">Receives the folds done.</param>
    /// <param name="cancellationToken">Checked before each fold.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static VerificationReport Run(
        IReadOnlyList<ScoredPair> pairs, int seed = 1, IProgress<ItemProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var minority = Math.Min(pairs.Count(p => p.Pair.Same), pairs.Count(p => !p.Pair.Same));
        if (minority < 2)
        {
            throw new ArgumentException(
                $"The protocol needs at least 2 same-person and 2 different-person pairs with faces; got {pairs.Count(p => p.Pair.Same)} and {pairs.Count(p => !p.Pair.Same)}.", nameof(pairs));
        }

        // Pairs without a fold (TSV, LFW View 1) get up to 10 folds by index, each class spread over all folds.
        var k = Math.Min(10, minority);
        var sameIndex = 0;
        var otherIndex = 0;
        var folded = pairs.Select(p => p.Pair.Fold >= 0 ? p : p with { Pair = p.Pair with { Fold = (p.Pair.Same ? sameIndex++ : otherIndex++) % k } }).ToList();
        var folds = folded.Select(p => p.Pair.Fold).Distinct().Order().ToList();

        var results = new List<FoldResult>();
        progress?.Report(new ItemProgress(0, folds.Count));
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = folded.Where(p => p.Pair.Fold != fold).ToList();
            var test = folded.Where(p => p.Pair.Fold == fold).ToList();
            var threshold = ChooseThreshold(train);
            var accuracy = test.Count(p => (p.Distance < threshold) == p.Pair.Same) / (double)test.Count;
            var classifier = VerificationClassifier.Train(train, seed);
            var classifierAccuracy = test.Count(p => classifier.Predict(p.Features).Same == p.Pair.Same) / (double)test.Count;
            results.Add(new FoldResult(fold, test.Count, threshold, accuracy, classifierAccuracy));
            progress?.Report(new ItemProgress(results.Count, folds.Count));
        }

        var roc = Roc(folded);
        return new VerificationReport(folded.Count, results, roc, ChooseThreshold(folded));
    }

    /// <summary>ROC of the pairs with score = −distance.</summary>
    /// <param name="pairs">Scored pairs.</param>
    public static RocCurve Roc(IReadOnlyList<ScoredPair> pairs) =>
        new(pairs.Select(p => -p.Distance).ToList(), pairs.Select(p => p.Pair.Same).ToList());

    /// <summary>The distance threshold of maximum accuracy on these pairs (same person when distance &lt; threshold).</summary>
    /// <param name="pairs">Scored pairs.</param>
    public static double ChooseThreshold(IReadOnlyList<ScoredPair> pairs) => -Roc(pairs).MaxAccuracyThreshold();
}

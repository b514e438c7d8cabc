using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Evaluation;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Verification as binary classification: a calibrated ML.NET logistic regression (L-BFGS) on the distance
/// features of a pair (<see cref="PairDistance.Features"/>), label = same person.
/// </summary>
public sealed class VerificationClassifier
{
    /// <summary>The feature column: the pair's distance features.</summary>
    public const string FeaturesColumn = "Features";

    private readonly MLContext context;
    private readonly PredictionEngine<PairFeaturesRow, PairPredictionRow> engine;

    private VerificationClassifier(MLContext context, ITransformer model)
    {
        this.context = context;
        Model = model;
        engine = context.Model.CreatePredictionEngine<PairFeaturesRow, PairPredictionRow>(model);
    }

    /// <summary>The fitted ML.NET model: Features (3 floats) → Score, Probability, PredictedLabel.</summary>
    public ITransformer Model { get; }

    /// <summary>The estimator: calibrated logistic regression on the Features column.</summary>
    /// <param name="context">The context whose trainers make it.</param>
    public static IEstimator<ITransformer> Estimator(MLContext context) =>
        context.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Label", featureColumnName: FeaturesColumn);

    /// <summary>Fits the classifier on the distance features of <paramref name="pairs"/>.</summary>
    /// <param name="pairs">Scored pairs of both classes.</param>
    /// <param name="seed">Seeds the ML.NET context.</param>
    public static VerificationClassifier Train(IReadOnlyList<ScoredPair> pairs, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(pairs.Select(p => new PairFeaturesRow { Features = p.Features, Label = p.Pair.Same }));
        return new VerificationClassifier(context, Estimator(context).Fit(data));
    }

    /// <summary>The classifier's answer for one pair's distance features.</summary>
    /// <param name="features">[squared L2, L2, cosine].</param>
    public (bool Same, float Probability) Predict(float[] features)
    {
        var row = engine.Predict(new PairFeaturesRow { Features = features });
        return (row.PredictedLabel, row.Probability);
    }

    /// <summary>ML.NET's own evaluation of the classifier on pairs (AUC, accuracy, …).</summary>
    /// <param name="pairs">Scored pairs of both classes.</param>
    public CalibratedBinaryClassificationMetrics Evaluate(IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var data = context.Data.LoadFromEnumerable(pairs.Select(p => new PairFeaturesRow { Features = p.Features, Label = p.Pair.Same }));
        return context.BinaryClassification.Evaluate(Model.Transform(data));
    }

    /// <summary>The classifier's scores (logits) for pairs, in order.</summary>
    /// <param name="pairs">Scored pairs.</param>
    public IReadOnlyList<float> Scores(IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Select(p => engine.Predict(new PairFeaturesRow { Features = p.Features }).Score).ToList();
    }

    /// <summary>One training/scoring row.</summary>
    public sealed class PairFeaturesRow
    {
        /// <summary>The pair's distance features.</summary>
        [VectorType(PairDistance.FeatureCount)]
        public float[] Features { get; set; } = [];

        /// <summary>Whether the pair shows the same person.</summary>
        public bool Label { get; set; }
    }

    /// <summary>The classifier's output columns.</summary>
    public sealed class PairPredictionRow
    {
        /// <summary>The answer: the same person.</summary>
        public bool PredictedLabel { get; set; }

        /// <summary>The calibrated probability of the same person.</summary>
        public float Probability { get; set; }

        /// <summary>The raw score (logit).</summary>
        public float Score { get; set; }
    }
}

using MlNetFaces.Evaluation;

namespace MlNetFaces.Training;

/// <summary>Scores a net on held-out people (<see cref="EpochValidation"/>): every pair of their images, no augmentation.</summary>
internal static class EmbeddingValidation
{
    /// <summary>Above this many validation images, a fixed seeded subset of this size is scored (about 2 million pairs).</summary>
    public const int MaxImages = 2000;

    public static EpochValidation Score(EmbeddingNetwork net, FaceCropDataset validation, int epoch)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(validation);
        var indices = Enumerable.Range(0, validation.Count).ToArray();
        if (indices.Length > MaxImages)
        {
            new Random(0).Shuffle(indices);
            indices = indices[..MaxImages];
        }

        var embeddings = TripletTrainer.Embed(net, validation, indices);
        var scores = new List<double>();
        var same = new List<bool>();
        for (var i = 0; i < embeddings.Length; i++)
        {
            for (var j = i + 1; j < embeddings.Length; j++)
            {
                scores.Add(-PairDistance.SquaredL2(embeddings[i], embeddings[j]));
                same.Add(validation.Labels[indices[i]] == validation.Labels[indices[j]]);
            }
        }

        var roc = new RocCurve(scores, same);
        var balanced = roc.Points.Max(p => (p.TruePositiveRate + 1 - p.FalsePositiveRate) / 2);
        return new EpochValidation(epoch, roc.Auc, balanced, roc.Positives, roc.Negatives);
    }
}

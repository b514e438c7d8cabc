using MlNetFaces.Training;
using static TorchSharp.torch;

namespace MlNetFaces.Tests.Training;

/// <summary>Each loss and mining rule against values computed by hand on 1-D embeddings (normalisation off).</summary>
public class EmbeddingLossTests
{
    // Labels 0,0,1,1 at 0, 1, 0.5, 3. Squared distances: d01 = 1, d02 = d12 = 0.25, d03 = 9, d13 = 4, d23 = 6.25.
    private static readonly float[] SpreadPoints = [0f, 1f, 0.5f, 3f];

    // Labels 0,0,1,1 at 0, 1, −1.05, 5: for the pair (0,1), d = 1 and the negative −1.05 is semi-hard (1 < 1.1025 < 1.2).
    private static readonly float[] SemiHardPoints = [0f, 1f, -1.05f, 5f];
    private static readonly long[] Labels = [0, 0, 1, 1];

    [Fact]
    public void BatchAllAveragesTheActiveTriplets()
    {
        // Gaps d_ap − d_an + 0.2 of the 8 triplets: 0.95, −7.8, 0.95, −2.8, 6.2, 6.2, −2.55, 2.45 → 5 active, sum 16.75.
        var result = Compute(SpreadPoints, LossKind.Triplet, MiningStrategy.BatchAll);
        Assert.Equal(16.75 / 5, Value(result), 4);
        Assert.Equal(5 / 8.0, result.ActiveFraction, 6);
        Assert.Equal((1 + 6.25) / 2, result.MeanPositiveDistance, 4);
        Assert.Equal((0.25 + 9 + 0.25 + 4) / 4, result.MeanNegativeDistance, 4);
    }

    [Fact]
    public void SoftMarginBatchAllIsTheMeanSoftplusOfTheGaps()
    {
        double[] gaps = [0.75, -8, 0.75, -3, 6, 6, -2.75, 2.25];
        var expected = gaps.Average(g => Math.Log(1 + Math.Exp(g)));
        Assert.Equal(expected, Value(Compute(SpreadPoints, LossKind.SoftTriplet, MiningStrategy.BatchAll)), 4);
    }

    [Fact]
    public void BatchHardTakesTheFarthestPositiveAndNearestNegativePerAnchor()
    {
        // Anchors 0..3: (1 − 0.25), (1 − 0.25), (6.25 − 0.25), (6.25 − 4), each + 0.2.
        var result = Compute(SpreadPoints, LossKind.Triplet, MiningStrategy.BatchHard);
        Assert.Equal((0.95 + 0.95 + 6.2 + 2.45) / 4, Value(result), 4);
        Assert.Equal(1.0, result.ActiveFraction, 6);
    }

    [Fact]
    public void SemiHardPicksTheNearestNegativeBeyondThePositive()
    {
        // (0,1): semi-hard 1.1025 → 0.0975; (1,0): nearest beyond is 4.2025 → 0;
        // (2,3): no negative beyond 36.6025, the farthest (4.2025) → 32.6; (3,2): likewise 25 → 11.8025.
        var result = Compute(SemiHardPoints, LossKind.Triplet, MiningStrategy.SemiHard);
        Assert.Equal((0.0975 + 0 + 32.6 + 11.8025) / 4, Value(result), 3);
        Assert.Equal(0.75, result.ActiveFraction, 6);
    }

    [Fact]
    public void SemiHardIgnoresNegativesCloserThanThePositive()
    {
        // Batch-hard would use the nearest negative of anchor 0 (0.25 < d_ap = 1); semi-hard uses 9 and the loss is 0.
        var result = Compute(SpreadPoints, LossKind.Triplet, MiningStrategy.SemiHard);
        Assert.Equal(6.2 / 4, Value(result), 4);
        Assert.Equal(0.25, result.ActiveFraction, 6);
    }

    [Fact]
    public void ContrastivePullsPositivesAndPushesNegativesInsideTheMargin()
    {
        // ½·mean(1, 6.25) + ½·mean((1 − 0.5)², 0, (1 − 0.5)², 0).
        using var scope = NewDisposeScope();
        var result = EmbeddingLosses.Compute(Embeddings(SpreadPoints), tensor(Labels), new EmbeddingLossOptions { Loss = LossKind.Contrastive, ContrastiveMargin = 1, Normalize = false });
        Assert.Equal((0.5 * 3.625) + (0.5 * 0.125), result.Loss.item<float>(), 4);
        Assert.Equal(0.5, result.ActiveFraction, 6);
    }

    [Fact]
    public void NormalisedEmbeddingsOfParallelVectorsCoincide()
    {
        using var scope = NewDisposeScope();
        var e = tensor(new float[] { 3, 4, 6, 8, -3, -4, -6, -8 }, [4, 2]);
        var result = EmbeddingLosses.Compute(e, tensor(Labels), new EmbeddingLossOptions { Mining = MiningStrategy.BatchHard });
        Assert.Equal(0, result.MeanPositiveDistance, 5);
        Assert.Equal(4, result.MeanNegativeDistance, 4);
        Assert.Equal(0, result.Loss.item<float>(), 5);
    }

    [Fact]
    public void TripletLossOfOneTripletIsTheFormula()
    {
        // L(A,P,N) = max(‖A−P‖² − ‖A−N‖² + α, 0) with A = (0,0), P = (1,0), N = (0,1.05) and their mirrored twins.
        using var scope = NewDisposeScope();
        var e = tensor(new float[] { 0, 0, 1, 0, 0, 1.05f, 0, 50 }, [4, 2]);
        var result = EmbeddingLosses.Compute(e, tensor(new long[] { 0, 0, 1, 2 }), new EmbeddingLossOptions { Mining = MiningStrategy.BatchHard, Normalize = false });
        var a0 = Math.Max(1 - 1.1025 + 0.2, 0); // anchor 0: nearest negative (0,1.05)
        var a1 = Math.Max(1 - 2.1025 + 0.2, 0); // anchor 1: nearest negative (0,1.05) at 1 + 1.1025
        Assert.Equal((a0 + a1) / 2, result.Loss.item<float>(), 1e-5);
    }

    private static LossResult Compute(float[] points, LossKind loss, MiningStrategy mining)
    {
        var options = new EmbeddingLossOptions { Loss = loss, Mining = mining, Margin = 0.2, Normalize = false };
        return EmbeddingLosses.Compute(Embeddings(points), tensor(Labels), options);
    }

    private static double Value(LossResult result) => result.Loss.item<float>();

    private static Tensor Embeddings(float[] points) => tensor(points, [points.Length, 1]);
}

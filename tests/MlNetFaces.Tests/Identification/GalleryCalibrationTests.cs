using MlNetFaces.Gallery;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests.Identification;

/// <summary>The open-set threshold read off the ROC curve of labelled pairs.</summary>
public sealed class GalleryCalibrationTests
{
    private static readonly double[] SameDistances = [0.1, 0.2, 0.3, 0.4, 0.8];
    private static readonly double[] NearImpostors = [0.35, 0.36, 0.37];

    private static ScoredPair Pair(double distance, bool same) =>
        new(new ImagePair("a", "b", same), [(float)(distance * distance), (float)distance, 0f]);

    private static List<ScoredPair> Pairs()
    {
        var pairs = SameDistances.Select(d => Pair(d, same: true)).ToList();
        pairs.Add(Pair(0.35, same: false));
        pairs.AddRange(Enumerable.Range(0, 99).Select(i => Pair(0.5 + (0.01 * i), same: false)));
        return pairs;
    }

    [Fact]
    public void ThresholdMeetsTheTargetFalseAcceptRate()
    {
        // 100 different-person pairs, 1% allowed: the one at 0.35 may pass, the next (0.5) may not.
        var calibration = GalleryCalibration.FromPairs(Pairs(), 0.01);

        Assert.Equal(0.45, calibration.Threshold, 5); // midway between 0.4 (same) and 0.5 (different)
        Assert.Equal(0.01, calibration.MeasuredFar, 12);
        Assert.Equal(0.8, calibration.Tar, 12);
        Assert.Equal((5, 100), (calibration.SamePairs, calibration.DifferentPairs));
        Assert.Contains("target 0.01", calibration.Describe("pairs.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void NearImpostorsPullTheThresholdDown()
    {
        // Three different-person pairs at 0.35-0.37: at 1% of 100 the threshold cannot reach the 0.4 same pair,
        // and accepting 0.35 gains nothing, so it stays midway between 0.3 and 0.35.
        var pairs = SameDistances.Take(4).Select(d => Pair(d, same: true))
            .Concat(NearImpostors.Select(d => Pair(d, same: false)))
            .Concat(Enumerable.Range(0, 97).Select(i => Pair(0.5 + (0.01 * i), same: false)))
            .ToList();
        var calibration = GalleryCalibration.FromPairs(pairs, 0.01);
        Assert.Equal(0.325, calibration.Threshold, 5);
        Assert.Equal(0, calibration.MeasuredFar);
        Assert.Equal(0.75, calibration.Tar, 12);
    }

    [Fact]
    public void RatesThatCannotBeMeasuredAreRefused()
    {
        Assert.Contains("at least 1000", Assert.Throws<GalleryException>(() => GalleryCalibration.FromPairs(Pairs(), 0.001)).Message, StringComparison.Ordinal);
        Assert.Throws<GalleryException>(() => GalleryCalibration.FromPairs(Pairs(), 0));
        Assert.Throws<GalleryException>(() => GalleryCalibration.FromPairs(Pairs(), 1.5));
        Assert.Throws<GalleryException>(() => GalleryCalibration.FromPairs(Pairs().Where(p => !p.Pair.Same).ToList(), 0.01));
    }
}

using System.Globalization;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Gallery;

/// <summary>
/// An open-set threshold read off the ROC curve of labelled pairs: the largest distance at which at most a
/// fraction <see cref="TargetFar"/> of the different-person pairs would be accepted.
/// </summary>
public sealed record GalleryCalibration(double Threshold, double TargetFar, double MeasuredFar, double Tar, int SamePairs, int DifferentPairs)
{
    /// <summary>Calibrates on scored pairs (distance features of plain descriptors, as the gallery stores).</summary>
    public static GalleryCalibration FromPairs(IReadOnlyList<ScoredPair> pairs, double targetFar)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (targetFar is <= 0 or >= 1)
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"The target false-accept rate must lie in (0, 1), got {targetFar.ToString(CultureInfo.InvariantCulture)}.");
        }

        var same = pairs.Count(p => p.Pair.Same);
        var different = pairs.Count - same;
        if (same == 0 || different == 0)
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"Calibration needs same-person and different-person pairs (got {same} and {different}).");
        }

        if (targetFar * different < 1)
        {
            throw new GalleryException(
                GalleryErrorKind.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"A false-accept rate of {targetFar} cannot be measured on {different} different-person pairs: use at least {Math.Ceiling(1 / targetFar)} or a larger rate."));
        }

        var roc = VerificationProtocol.Roc(pairs);
        var score = roc.ThresholdAtFar(targetFar);
        if (double.IsPositiveInfinity(score))
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, "No threshold accepts any same-person pair at that false-accept rate.");
        }

        var threshold = -score;
        var measuredFar = pairs.Count(p => !p.Pair.Same && p.Distance <= threshold) / (double)different;
        var tar = pairs.Count(p => p.Pair.Same && p.Distance <= threshold) / (double)same;
        return new GalleryCalibration(threshold, targetFar, measuredFar, tar, same, different);
    }

    /// <summary>What <see cref="FaceGallery.SetThreshold"/> records as the source.</summary>
    public string Describe(string pairsName) => string.Create(
        CultureInfo.InvariantCulture,
        $"{pairsName}: FAR {MeasuredFar:0.####} (target {TargetFar}), TAR {Tar:0.####} on {SamePairs}+{DifferentPairs} pairs");
}

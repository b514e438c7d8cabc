namespace MlNetFaces;

/// <summary>
/// The one distance between face descriptors and the one same-person threshold that <c>verify</c>, the gallery and
/// <see cref="FaceRecognizer"/> share.
/// </summary>
public static class FaceDistance
{
    /// <summary>
    /// Same person when the Euclidean distance of two 128-D descriptors is below this: dlib's and face-api's threshold
    /// for this recognition net (LFW accuracy at this fixed threshold is within a few tenths of a point of the
    /// 10-fold protocol's tuned one). Calibrate your own with <c>gallery calibrate</c> or <c>evaluate pairs</c>.
    /// </summary>
    public const double SamePersonThreshold = 0.6;

    /// <summary>Euclidean (L2) distance between two descriptors of the same length.</summary>
    public static float Euclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => (float)Math.Sqrt(SquaredSum(a, b));

    /// <summary>Squared Euclidean distance between two descriptors of the same length.</summary>
    public static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => (float)SquaredSum(a, b);

    private static double SquaredSum(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Descriptors differ in length ({a.Length} vs {b.Length}).", nameof(b));
        }

        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}

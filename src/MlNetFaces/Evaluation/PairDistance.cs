namespace MlNetFaces.Evaluation;

/// <summary>Distances between two embeddings: squared L2 (d = ‖f(x1) − f(x2)‖²), L2 and cosine distance.</summary>
internal static class PairDistance
{
    public const int FeatureCount = 3;

    /// <summary>‖a − b‖² (<see cref="FaceDistance.SquaredEuclidean"/>).</summary>
    public static float SquaredL2(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => FaceDistance.SquaredEuclidean(a, b);

    /// <summary>‖a − b‖ (<see cref="FaceDistance.Euclidean"/>).</summary>
    public static float L2(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => FaceDistance.Euclidean(a, b);

    /// <summary>1 − cos(a, b); 1 when either vector is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Check(a, b);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? 1f : (float)(1 - (dot / Math.Sqrt(na * nb)));
    }

    /// <summary>[squared L2, L2, cosine] — the features of the verification classifier.</summary>
    public static float[] Features(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sq = SquaredL2(a, b);
        return [sq, MathF.Sqrt(sq), Cosine(a, b)];
    }

    private static void Check(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Embeddings must be non-empty and of equal length ({a.Length} vs {b.Length}).", nameof(b));
        }
    }
}

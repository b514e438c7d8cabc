using MlNetFaces.Imaging;

namespace MlNetFaces.Faces;

/// <summary>
/// One face found in an image: detection box and score, 68 landmarks (image pixels), the box the descriptor
/// was computed from, the aligned 150×150 crop the recognition net saw, and the 128-D descriptor.
/// </summary>
public sealed record Face(
    FaceBox Box,
    float Score,
    IReadOnlyList<PointD> Landmarks,
    FaceBox AlignedBox,
    RgbImage AlignedCrop,
    float[] Descriptor)
{
    /// <summary>Euclidean distance between two descriptors (face-api/dlib same-person threshold: 0.6).</summary>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
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

        return (float)Math.Sqrt(sum);
    }
}

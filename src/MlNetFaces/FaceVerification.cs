namespace MlNetFaces;

/// <summary>The answer of <see cref="FaceRecognizer.Verify(string, string)"/>: the descriptor distance of the two central faces and the threshold it was compared with.</summary>
/// <param name="Distance">Euclidean distance of the two 128-D descriptors (0 for the same image; below 0.6 usually the same person).</param>
/// <param name="Threshold">The same-person threshold the distance was compared with.</param>
public sealed record FaceVerification(double Distance, double Threshold)
{
    /// <summary>True when <see cref="Distance"/> is below <see cref="Threshold"/>.</summary>
    public bool IsSamePerson => Distance < Threshold;
}

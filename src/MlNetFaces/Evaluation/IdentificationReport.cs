namespace MlNetFaces.Evaluation;

/// <summary>
/// Closed-set ranks and open-set rates of one identification run. <see cref="Cmc"/>[r−1] is the fraction of
/// genuine probes whose identity is among the r nearest (rank-r accuracy).
/// </summary>
public sealed record IdentificationReport(
    int GalleryIdentities,
    int GenuineProbes,
    int ImpostorProbes,
    IReadOnlyList<double> Cmc,
    IReadOnlyList<OpenSetPoint> OpenSet)
{
    /// <summary>Rank-1 accuracy: the fraction of genuine probes whose nearest gallery identity is theirs.</summary>
    public double Rank1 => Cmc[0];

    /// <summary>Rank-5 accuracy (or the longest rank computed, when the CMC is shorter).</summary>
    public double Rank5 => Cmc[Math.Min(4, Cmc.Count - 1)];
}

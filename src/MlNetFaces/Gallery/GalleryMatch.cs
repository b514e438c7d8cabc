namespace MlNetFaces.Gallery;

/// <summary>
/// The answer for one probe embedding: <see cref="Identity"/> is the nearest identity, or <see cref="Unknown"/>
/// when its distance is above the threshold (or the gallery is empty); <see cref="Top"/> lists the nearest
/// identities, best first, whatever the threshold.
/// </summary>
public sealed record GalleryMatch(string Identity, float Distance, double Threshold, IReadOnlyList<GalleryCandidate> Top)
{
    /// <summary>The label of a rejected probe (a name that cannot be enrolled).</summary>
    public const string Unknown = "unknown";

    /// <summary>Whether the probe was accepted as a gallery identity (not <see cref="Unknown"/>).</summary>
    public bool IsKnown => !string.Equals(Identity, Unknown, StringComparison.Ordinal);
}

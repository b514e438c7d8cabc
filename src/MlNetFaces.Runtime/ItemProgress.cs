namespace MlNetFaces;

/// <summary>
/// Progress through a known number of items (images embedded or cropped, folds, probes), as long operations report it
/// through <see cref="IProgress{T}"/>: <see cref="Done"/> of <see cref="Total"/>.
/// </summary>
/// <param name="Done">Items finished so far (cached and failed ones included).</param>
/// <param name="Total">Items in the whole operation.</param>
public readonly record struct ItemProgress(int Done, int Total)
{
    /// <summary>The finished fraction in [0, 1]; 1 when there is nothing to do.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Clamp((double)Done / Total, 0, 1);
}

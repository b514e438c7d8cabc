namespace MlNetFaces.Training;

/// <summary>
/// P×K identity batches: each batch holds P distinct identities with K distinct images each (Hermans et al. 2017).
/// An identity with fewer than K images is an error unless <c>skipShortIdentities</c> is set, in which case
/// it is left out and named in <see cref="Skipped"/>. One epoch visits every eligible identity once (the last partial
/// group of fewer than P identities is dropped); order and choice are reproducible from the seed.
/// </summary>
public sealed class PkSampler
{
    private readonly int[][] byIdentity;
    private readonly Random random;

    /// <summary>Groups the items by label and checks that a batch can be filled.</summary>
    /// <param name="labels">The identity label of each item (e.g. <see cref="FaceCropDataset.Labels"/>).</param>
    /// <param name="p">Identities per batch, at least 2.</param>
    /// <param name="k">Images per identity in a batch, at least 2.</param>
    /// <param name="seed">Seeds the shuffling of identities and the choice of their images.</param>
    /// <param name="skipShortIdentities">Leave out identities with fewer than K images instead of throwing.</param>
    /// <exception cref="ArgumentException">An identity has fewer than K images (and is not skipped), or fewer than P identities are left.</exception>
    public PkSampler(IReadOnlyList<int> labels, int p, int k, int seed, bool skipShortIdentities = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        P = p;
        K = k;
        random = new Random(seed);
        var groups = labels.Select((label, index) => (label, index)).GroupBy(x => x.label).OrderBy(g => g.Key).ToList();
        var shortOnes = groups.Where(g => g.Count() < k).ToList();
        if (shortOnes.Count > 0 && !skipShortIdentities)
        {
            var first = shortOnes[0];
            throw new ArgumentException(
                $"{shortOnes.Count} identit{(shortOnes.Count == 1 ? "y has" : "ies have")} fewer than K = {k} images (e.g. label {first.Key} has {first.Count()}); lower K or skip them.",
                nameof(labels));
        }

        Skipped = shortOnes.Select(g => g.Key).ToList();
        byIdentity = groups.Where(g => g.Count() >= k).Select(g => g.Select(x => x.index).ToArray()).ToArray();
        if (byIdentity.Length < p)
        {
            throw new ArgumentException($"Only {byIdentity.Length} identities have at least K = {k} images; a batch needs P = {p}.", nameof(labels));
        }
    }

    /// <summary>Identities per batch.</summary>
    public int P { get; }

    /// <summary>Images per identity in a batch.</summary>
    public int K { get; }

    /// <summary>The labels left out because they have fewer than K images.</summary>
    public IReadOnlyList<int> Skipped { get; }

    /// <summary>Identities with at least K images (those batches are drawn from).</summary>
    public int EligibleIdentities => byIdentity.Length;

    /// <summary>Full batches per epoch: eligible identities / P, rounded down.</summary>
    public int BatchesPerEpoch => byIdentity.Length / P;

    /// <summary>The next epoch's batches, each P·K item indices grouped by identity.</summary>
    public IEnumerable<int[]> Epoch()
    {
        var order = Enumerable.Range(0, byIdentity.Length).ToArray();
        random.Shuffle(order);
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            var batch = new int[P * K];
            for (var i = 0; i < P; i++)
            {
                var images = byIdentity[order[(b * P) + i]].ToArray();
                random.Shuffle(images);
                Array.Copy(images, 0, batch, i * K, K);
            }

            yield return batch;
        }
    }
}

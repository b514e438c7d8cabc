using MlNetFaces.Gallery;

namespace MlNetFaces.Evaluation;

/// <summary>
/// Scores an identification split: every genuine probe is searched in the gallery for its rank (CMC), and the
/// open-set threshold for each target false-accept rate is set on the impostor probes' nearest distances; the
/// detection-and-identification rate (DIR) is then read on the genuine probes (Best-Rowden et al. 2014, LFW open set).
/// A probe is accepted when its nearest distance is at most the threshold, as in <see cref="GalleryIndex"/>.
/// </summary>
public static class IdentificationProtocol
{
    /// <summary>The false-accept rates reported by default: 1% and 0.1%.</summary>
    public static IReadOnlyList<double> DefaultFars { get; } = [0.01, 0.001];

    /// <summary>The probes searched per call of the gallery index, between two progress reports and cancellation checks.</summary>
    private const int ProbesPerSearch = 512;

    /// <summary>Scores the probes against the gallery: the CMC curve up to <paramref name="maxRank"/> and the open-set points.</summary>
    /// <param name="gallery">Enrolled embeddings, one or more per identity.</param>
    /// <param name="genuine">Probes of enrolled identities.</param>
    /// <param name="impostors">Probes of people not enrolled (the open-set thresholds are set on them); may be empty.</param>
    /// <param name="maxRank">The longest rank of the CMC curve (at most the number of identities).</param>
    /// <param name="fars">The false-accept rates of the open-set points; null: <see cref="DefaultFars"/>.</param>
    /// <param name="progress">Receives the probes searched (genuine, then impostors).</param>
    /// <param name="cancellationToken">Checked between searches of <c>512</c> probes.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IdentificationReport Evaluate(
        IReadOnlyList<(string Identity, float[] Embedding)> gallery,
        IReadOnlyList<(string Identity, float[] Embedding)> genuine,
        IReadOnlyList<float[]> impostors,
        int maxRank = 20,
        IReadOnlyList<double>? fars = null,
        IProgress<ItemProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRank, 1);
        if (gallery.Count == 0 || genuine.Count == 0)
        {
            throw new ArgumentException($"Identification needs a gallery and genuine probes (got {gallery.Count} and {genuine.Count}).");
        }

        fars ??= DefaultFars;
        if (fars.Any(f => f is <= 0 or >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fars), "Each false-accept rate must lie in (0, 1).");
        }

        var names = gallery.Select(g => g.Identity).Distinct(StringComparer.Ordinal).ToList();
        var slot = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var unknown = genuine.FirstOrDefault(g => !slot.ContainsKey(g.Identity));
        if (unknown.Embedding is not null)
        {
            throw new ArgumentException($"Genuine probe of '{unknown.Identity}', who is not in the gallery.", nameof(genuine));
        }

        var dimension = gallery[0].Embedding.Length;
        using var index = new GalleryIndex(
            gallery.Count,
            dimension,
            (n, row) => gallery[n].Embedding.CopyTo(row),
            gallery.Select(g => slot[g.Identity]).ToArray(),
            names,
            new GalleryThreshold(double.MaxValue, false, "protocol"),
            "protocol");
        var top = Math.Min(maxRank, names.Count);
        var probes = genuine.Count + impostors.Count;
        var searched = 0;
        List<GalleryMatch> SearchAll(IReadOnlyList<float[]> queries, int k)
        {
            var found = new List<GalleryMatch>(queries.Count);
            foreach (var chunk in queries.Chunk(ProbesPerSearch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                found.AddRange(index.Search(chunk, k));
                searched += chunk.Length;
                progress?.Report(new ItemProgress(searched, probes));
            }

            return found;
        }

        var matches = SearchAll(genuine.Select(g => g.Embedding).ToList(), top);
        var hits = new int[top];
        var rankOneDistances = new List<double>(); // nearest distance of the genuine probes identified at rank 1
        for (var p = 0; p < genuine.Count; p++)
        {
            var rank = matches[p].Top.Select(c => c.Identity).ToList().IndexOf(genuine[p].Identity);
            if (rank >= 0)
            {
                hits[rank]++;
            }

            if (rank == 0)
            {
                rankOneDistances.Add(matches[p].Distance);
            }
        }

        var cmc = new double[top];
        var cumulative = 0;
        for (var r = 0; r < top; r++)
        {
            cumulative += hits[r];
            cmc[r] = (double)cumulative / genuine.Count;
        }

        var impostorNearest = impostors.Count == 0
            ? []
            : SearchAll(impostors, 1).Select(m => (double)m.Distance).Order().ToArray();
        var openSet = impostorNearest.Length == 0
            ? []
            : fars.Select(far => OpenSet(far, impostorNearest, rankOneDistances, genuine.Count)).ToList();
        return new IdentificationReport(names.Count, genuine.Count, impostors.Count, cmc, openSet);
    }

    /// <summary>The threshold that accepts at most ⌊far·M⌋ of the M impostors (sorted ascending), and the DIR there.</summary>
    private static OpenSetPoint OpenSet(double far, double[] impostorNearest, List<double> rankOneDistances, int genuineCount)
    {
        var allowed = (int)Math.Floor(far * impostorNearest.Length);
        var threshold = allowed == 0
            ? Math.BitDecrement(impostorNearest[0])
            : allowed >= impostorNearest.Length
                ? impostorNearest[^1]
                : (impostorNearest[allowed - 1] + impostorNearest[allowed]) / 2;
        var accepted = impostorNearest.Count(d => d <= threshold);
        var dir = rankOneDistances.Count(d => d <= threshold) / (double)genuineCount;
        return new OpenSetPoint(far, threshold, dir, accepted / (double)impostorNearest.Length);
    }
}

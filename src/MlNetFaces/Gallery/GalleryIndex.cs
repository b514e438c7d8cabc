using MlNetFaces.Faces;
namespace MlNetFaces.Gallery;

/// <summary>
/// Exact top-k search over all templates of a gallery. The templates live in one float32 matrix T [N × D]
/// (native memory, SIMD-blocked) with their squared norms; a batch of probes Q [B × D] is scored as one blocked
/// matrix product Q·Tᵀ giving ‖t‖² − 2 q·t (‖q‖² is constant per probe and does not change the order), fused with a
/// running top-k per probe and spread over the cores. The k·m best templates per probe (m = most templates of one
/// identity, which guarantees k distinct identities among them) get their exact Euclidean distance recomputed,
/// and each identity's distance is that of its best template. A probe whose best distance is above the threshold
/// is <see cref="GalleryMatch.Unknown"/>. Thread-safe for concurrent searches.
/// </summary>
public sealed class GalleryIndex : IDisposable
{
    private readonly TemplateMatrix matrix;
    private readonly int[] identityOf;
    private readonly int maxTemplatesPerIdentity;

    /// <summary>An index of a snapshot (its matrix is copied; the snapshot may be dropped afterwards).</summary>
    public GalleryIndex(GallerySnapshot snapshot)
        : this(
            snapshot?.TemplateCount ?? throw new ArgumentNullException(nameof(snapshot)),
            snapshot.Dimension,
            (n, row) => snapshot.Matrix.AsSpan(n * snapshot.Dimension, snapshot.Dimension).CopyTo(row),
            snapshot.IdentityOfTemplate.ToArray(),
            snapshot.Names,
            snapshot.Threshold,
            snapshot.ModelId)
    {
    }

    /// <summary>
    /// An index over <paramref name="count"/> templates whose rows <paramref name="writeRow"/>(n, row) writes
    /// (e.g. synthetic embeddings, or rows streamed from storage without a second full copy);
    /// <paramref name="identityOfTemplate"/>[n] indexes <paramref name="names"/>.
    /// </summary>
    public GalleryIndex(int count, int dimension, Action<int, Span<float>> writeRow, int[] identityOfTemplate, IReadOnlyList<string> names, GalleryThreshold threshold, string modelId)
    {
        ArgumentNullException.ThrowIfNull(writeRow);
        ArgumentNullException.ThrowIfNull(identityOfTemplate);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (identityOfTemplate.Length != count)
        {
            throw new ArgumentException($"{count} templates need {count} identity indices, got {identityOfTemplate.Length}.", nameof(identityOfTemplate));
        }

        if (identityOfTemplate.Any(i => i < 0 || i >= names.Count))
        {
            throw new ArgumentException("A template refers to an identity outside the name list.", nameof(identityOfTemplate));
        }

        matrix = new TemplateMatrix(count, dimension, writeRow);
        identityOf = identityOfTemplate;
        Names = names;
        Threshold = threshold;
        ModelId = modelId;
        maxTemplatesPerIdentity = count == 0 ? 1 : MaxMultiplicity(identityOfTemplate, names.Count);
    }

    /// <summary>The embedding model id of the templates; probes must come from the same model.</summary>
    public string ModelId { get; }

    /// <summary>Embedding length.</summary>
    public int Dimension => matrix.Dimension;

    /// <summary>The number of templates (matrix rows).</summary>
    public int TemplateCount => matrix.Count;

    /// <summary>Identity names, by identity index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The distance above which a probe is <see cref="GalleryMatch.Unknown"/>.</summary>
    public GalleryThreshold Threshold { get; }

    /// <summary>Native bytes held by the template matrix and its norms.</summary>
    public long MatrixBytes => matrix.Bytes;

    /// <summary>Cores a search may use (default: all).</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Top-k identities of one probe.</summary>
    public GalleryMatch Search(float[] query, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Search(query, 1, top)[0];
    }

    /// <summary>Top-k identities of each probe (searched as one batch).</summary>
    public IReadOnlyList<GalleryMatch> Search(IReadOnlyList<float[]> queries, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var flat = new float[queries.Count * Dimension];
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i].Length != Dimension)
            {
                throw new ArgumentException($"Probe {i} has {queries[i].Length} values; the gallery holds {Dimension}-D embeddings.", nameof(queries));
            }

            queries[i].CopyTo(flat, i * Dimension);
        }

        return Search(flat, queries.Count, top);
    }

    /// <summary>Top-k identities of <paramref name="count"/> probes given row-major in <paramref name="flat"/> [count × D].</summary>
    public IReadOnlyList<GalleryMatch> Search(float[] flat, int count, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(flat);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (top < 1)
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"top must be at least 1, got {top}.");
        }

        if (flat.Length != count * Dimension)
        {
            throw new ArgumentException($"Expected {count} × {Dimension} values, got {flat.Length}.", nameof(flat));
        }

        if (flat.Any(v => !float.IsFinite(v)))
        {
            throw new ArgumentException("A probe embedding has a NaN or infinite value.", nameof(flat));
        }

        if (TemplateCount == 0)
        {
            return Enumerable.Range(0, count).Select(_ => new GalleryMatch(GalleryMatch.Unknown, float.NaN, Threshold.Value, [])).ToList();
        }

        var k = (int)Math.Min(TemplateCount, (long)top * maxTemplatesPerIdentity);
        var nearest = matrix.Nearest(flat, count, k, Parallelism);
        var row = new float[Dimension];
        var result = new GalleryMatch[count];
        for (var b = 0; b < count; b++)
        {
            // Exact distances of the candidates (‖q‖² + ‖t‖² − 2 q·t loses precision near zero).
            var exact = new (int Template, float Distance)[nearest[b].Length];
            for (var j = 0; j < exact.Length; j++)
            {
                var template = nearest[b][j].Template;
                matrix.CopyRow(template, row);
                exact[j] = (template, FaceDistance.Euclidean(flat.AsSpan(b * Dimension, Dimension), row));
            }

            Array.Sort(exact, (x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : x.Template.CompareTo(y.Template));
            var seen = new HashSet<int>();
            var candidates = new List<GalleryCandidate>(top);
            foreach (var (template, distance) in exact)
            {
                var identity = identityOf[template];
                if (seen.Add(identity))
                {
                    candidates.Add(new GalleryCandidate(Names[identity], distance));
                    if (candidates.Count == top)
                    {
                        break;
                    }
                }
            }

            var best = candidates[0];
            var known = best.Distance <= Threshold.Value;
            result[b] = new GalleryMatch(known ? best.Identity : GalleryMatch.Unknown, best.Distance, Threshold.Value, candidates);
        }

        return result;
    }

    /// <summary>Frees the native template matrix.</summary>
    public void Dispose() => matrix.Dispose();

    private static int MaxMultiplicity(int[] identityOf, int identities)
    {
        var counts = new int[identities];
        var max = 0;
        foreach (var i in identityOf)
        {
            max = Math.Max(max, ++counts[i]);
        }

        return max;
    }
}

using MlNetFaces.Embedding;
using MlNetFaces.Faces;

namespace MlNetFaces.Evaluation;

/// <summary>
/// Pairs → embeddings (cached) → distance features → protocol, plain and with flip test-time augmentation.
/// Pairs whose images are missing, unreadable or have no face are reported and left out of the metrics.
/// </summary>
public sealed class VerificationRun
{
    private VerificationRun(IReadOnlyList<ScoredPair> plain, IReadOnlyList<ScoredPair> flip, IReadOnlyList<string> failed)
    {
        Plain = plain;
        Flip = flip;
        Failed = failed;
    }

    /// <summary>The scored pairs, with the plain descriptors.</summary>
    public IReadOnlyList<ScoredPair> Plain { get; }

    /// <summary>The same pairs scored with the mean of the plain and flipped-crop descriptors.</summary>
    public IReadOnlyList<ScoredPair> Flip { get; }

    /// <summary>One line per excluded pair or unreadable line: what and why.</summary>
    public IReadOnlyList<string> Failed { get; }

    /// <summary>Embeds the images of <paramref name="pairs"/> with <paramref name="pipeline"/> (<see cref="FaceEmbedder.Embed"/>) and scores the pairs.</summary>
    /// <param name="pairs">The pairs and the problems met reading them.</param>
    /// <param name="pipeline">The face pipeline that embeds the images.</param>
    /// <param name="cache">Embeddings already computed; null: none.</param>
    /// <param name="progress">Receives the distinct images embedded.</param>
    /// <param name="cancellationToken">Stops the embedding (what is done stays in the cache).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static VerificationRun Score(
        PairsReadResult pairs, FacePipeline pipeline, EmbeddingCache? cache, IProgress<ItemProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var embedder = new FaceEmbedder(pipeline, cache);
        return FromEmbeddings(pairs, embedder.Embed(pairs.Pairs.SelectMany(p => new[] { p.PathA, p.PathB }), progress, cancellationToken));
    }

    /// <summary>Scores pairs from embeddings computed elsewhere (e.g. by a trained embedding model).</summary>
    public static VerificationRun FromEmbeddings(PairsReadResult pairs, EmbeddingRun run)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(run);
        var failed = new List<string>(pairs.Problems);
        var plain = new List<ScoredPair>();
        var flip = new List<ScoredPair>();
        foreach (var pair in pairs.Pairs)
        {
            var reason = Problem(run, pair.PathA) ?? Problem(run, pair.PathB);
            if (reason is not null)
            {
                failed.Add(reason);
                continue;
            }

            var a = run.Embeddings[pair.PathA];
            var b = run.Embeddings[pair.PathB];
            plain.Add(new ScoredPair(pair, PairDistance.Features(a.Descriptor(false), b.Descriptor(false))));
            flip.Add(new ScoredPair(pair, PairDistance.Features(a.Descriptor(true), b.Descriptor(true))));
        }

        return new VerificationRun(plain, flip, failed);
    }

    private static string? Problem(EmbeddingRun run, string path) =>
        run.Failures.TryGetValue(path, out var why) ? $"{path}: {why}"
        : !run.Embeddings[path].HasFace ? $"{path}: no face found"
        : null;
}

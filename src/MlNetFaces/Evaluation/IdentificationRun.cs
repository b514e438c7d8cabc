using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Evaluation;

/// <summary>
/// An identification split scored from embeddings, with plain descriptors and with flip test-time augmentation.
/// Images that could not be read or show no face are left out and listed in <see cref="Failed"/>; a person whose
/// gallery image fails is left out with all their probes (they could not have been enrolled).
/// </summary>
public sealed record IdentificationRun(IdentificationReport Plain, IdentificationReport Flip, IReadOnlyList<string> Failed)
{
    /// <summary>Scores <paramref name="set"/> from <paramref name="embeddings"/> with <see cref="IdentificationProtocol.Evaluate"/>, plain and flipped.</summary>
    /// <param name="set">The gallery, genuine and impostor images.</param>
    /// <param name="embeddings">The embeddings of the set's images.</param>
    /// <param name="maxRank">The longest rank of the CMC curves.</param>
    /// <param name="fars">The false-accept rates of the open-set points; null: the protocol's defaults.</param>
    /// <param name="cancellationToken">Stops the protocol between probe searches.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IdentificationRun Score(
        IdentificationSet set, EmbeddingRun embeddings, int maxRank = 20, IReadOnlyList<double>? fars = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(embeddings);
        var failed = new List<string>();
        string? Problem(string path) =>
            embeddings.Failures.TryGetValue(path, out var why) ? why
            : !embeddings.Embeddings.TryGetValue(path, out var e) ? "not embedded"
            : !e.HasFace ? "no face found"
            : null;

        var enrolled = new HashSet<string>(StringComparer.Ordinal);
        var gallery = new List<LabelledImage>();
        foreach (var image in set.Gallery)
        {
            if (Problem(image.Path) is { } why)
            {
                var probes = set.Genuine.Count(g => g.Identity == image.Identity);
                failed.Add($"{image.Path}: {why} (gallery image: {image.Identity} and {probes} probe(s) left out)");
            }
            else
            {
                gallery.Add(image);
                enrolled.Add(image.Identity);
            }
        }

        List<LabelledImage> Usable(IEnumerable<LabelledImage> probes) => probes.Where(p =>
        {
            if (Problem(p.Path) is { } why)
            {
                failed.Add($"{p.Path}: {why}");
                return false;
            }

            return true;
        }).ToList();

        var genuine = Usable(set.Genuine.Where(g => enrolled.Contains(g.Identity)));
        var impostors = Usable(set.Impostors);
        IdentificationReport Report(bool flip)
        {
            float[] Of(LabelledImage i) => embeddings.Embeddings[i.Path].Descriptor(flip)!;
            return IdentificationProtocol.Evaluate(
                gallery.Select(g => (g.Identity, Of(g))).ToList(),
                genuine.Select(g => (g.Identity, Of(g))).ToList(),
                impostors.Select(Of).ToList(),
                maxRank,
                fars,
                cancellationToken: cancellationToken);
        }

        return new IdentificationRun(Report(flip: false), Report(flip: true), failed);
    }
}

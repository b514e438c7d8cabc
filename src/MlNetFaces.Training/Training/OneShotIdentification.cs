using MlNetFaces.Evaluation;

namespace MlNetFaces.Training;

/// <summary>
/// One-shot identification of a folder-per-identity set: the first image of each person (ordinal order) is the gallery,
/// every other image a probe; the rank-1 and rank-5 rates of the closed-set search.
/// </summary>
public static class OneShotIdentification
{
    /// <summary>Embeds the images and runs the one-shot search.</summary>
    /// <param name="images">Labelled image files, e.g. <see cref="FaceCropDataset.ListFolders"/>; people with fewer than two usable images are left out.</param>
    /// <param name="embed">Embeds a list of paths, one result per path in order (null when an image has no usable face).</param>
    public static OneShotResult Evaluate(IReadOnlyList<(string Identity, string Path)> images, Func<IReadOnlyList<string>, float[]?[]> embed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(embed);
        var embeddings = embed(images.Select(i => i.Path).ToList());
        var gallery = new List<(string, float[])>();
        var probes = new List<(string, float[])>();
        var missing = 0;
        foreach (var group in images.Select((img, i) => (img.Identity, Embedding: embeddings[i])).GroupBy(x => x.Identity, StringComparer.Ordinal))
        {
            var usable = group.Where(x => x.Embedding is not null).ToList();
            missing += group.Count() - usable.Count;
            if (usable.Count < 2)
            {
                continue;
            }

            gallery.Add((group.Key, usable[0].Embedding!));
            probes.AddRange(usable.Skip(1).Select(x => (group.Key, x.Embedding!)));
        }

        var report = IdentificationProtocol.Evaluate(gallery, probes, [], maxRank: 5);
        return new OneShotResult(gallery.Count, probes.Count, missing, report.Rank1, report.Rank5);
    }
}

/// <summary>People enrolled, probes searched, images without an embedding, and the rank-1 and rank-5 identification rates.</summary>
public sealed record OneShotResult(int People, int Probes, int Missing, double Rank1, double Rank5);

using MlNetFaces.Imaging;

namespace MlNetFaces.Evaluation;

/// <summary>
/// The open-set identification split of a folder-per-identity dataset (the LFW protocol of Best-Rowden et al.):
/// for each person with at least two images, the first image (ordinal file-name order) is enrolled in the gallery
/// and the others are genuine probes; the people with exactly one image are impostor probes, never enrolled.
/// </summary>
public sealed class IdentificationSet
{
    private IdentificationSet(IReadOnlyList<LabelledImage> gallery, IReadOnlyList<LabelledImage> genuine, IReadOnlyList<LabelledImage> impostors)
    {
        Gallery = gallery;
        Genuine = genuine;
        Impostors = impostors;
    }

    /// <summary>One image per enrolled person.</summary>
    public IReadOnlyList<LabelledImage> Gallery { get; }

    /// <summary>The other images of the enrolled people.</summary>
    public IReadOnlyList<LabelledImage> Genuine { get; }

    /// <summary>Images of people who are not enrolled (the single-image people).</summary>
    public IReadOnlyList<LabelledImage> Impostors { get; }

    /// <summary>Every image of the split (gallery, then genuine, then impostor probes): what to embed.</summary>
    public IEnumerable<string> AllPaths => Gallery.Concat(Genuine).Concat(Impostors).Select(i => i.Path);

    /// <summary>Reads <paramref name="root"/>/PERSON/IMAGE files (image extensions only; hidden files skipped).</summary>
    public static IdentificationSet FromFolders(string root)
    {
        var gallery = new List<LabelledImage>();
        var genuine = new List<LabelledImage>();
        var impostors = new List<LabelledImage>();
        foreach (var person in ImageDecoder.ListIdentityFolders(root).GroupBy(i => i.Identity, StringComparer.Ordinal))
        {
            var images = person.Select(i => new LabelledImage(i.Identity, i.Path)).ToList();
            if (images.Count == 1)
            {
                impostors.Add(images[0]);
            }
            else
            {
                gallery.Add(images[0]);
                genuine.AddRange(images.Skip(1));
            }
        }

        if (gallery.Count == 0)
        {
            throw new InvalidDataException($"{root}: no person folder holds two or more images, so there is nobody to enrol and probe.");
        }

        return new IdentificationSet(gallery, genuine, impostors);
    }
}

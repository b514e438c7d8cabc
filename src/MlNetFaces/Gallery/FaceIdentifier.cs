using MlNetFaces.Faces;
using MlNetFaces.Imaging;

namespace MlNetFaces.Gallery;

/// <summary>
/// Image → faces → gallery answers: every face of every image is embedded by the pipeline and searched in one
/// batch. Refuses a snapshot of another embedding model. Usable from the CLI, the demo and the ML.NET transformer.
/// </summary>
public sealed class FaceIdentifier : IDisposable
{
    private readonly GalleryIndex index;

    /// <summary>An identifier that finds and embeds faces with <paramref name="pipeline"/> and searches them in <paramref name="snapshot"/>.</summary>
    /// <param name="pipeline">Detector, landmarks and recognition net; its model id must be the snapshot's.</param>
    /// <param name="snapshot">The gallery to search (indexed once, here).</param>
    /// <exception cref="GalleryException">The snapshot holds embeddings of another model.</exception>
    public FaceIdentifier(FacePipeline pipeline, GallerySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(snapshot);
        GalleryEnrollment.RequireModel(snapshot.ModelId, "gallery snapshot", GalleryEnrollment.ModelIdOf(pipeline));
        Pipeline = pipeline;
        Snapshot = snapshot;
        index = new GalleryIndex(snapshot);
    }

    /// <summary>The pipeline that finds and embeds the faces.</summary>
    public FacePipeline Pipeline { get; }

    /// <summary>The gallery searched.</summary>
    public GallerySnapshot Snapshot { get; }

    /// <summary>All faces of one image with their answers, in detection order.</summary>
    /// <param name="image">The photo.</param>
    /// <param name="top">How many nearest identities each answer lists.</param>
    public IReadOnlyList<IdentifiedFace> Identify(RgbImage image, int top = 5) => Identify([image], top)[0];

    /// <summary>All faces of each image with their answers, in detection order.</summary>
    public IReadOnlyList<IReadOnlyList<IdentifiedFace>> Identify(IReadOnlyList<RgbImage> images, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(images);
        var faces = Pipeline.Analyze(images);
        return Identify(faces, top);
    }

    /// <summary>Answers for faces that the pipeline already found (e.g. to reuse one Analyze for several galleries).</summary>
    public IReadOnlyList<IReadOnlyList<IdentifiedFace>> Identify(IReadOnlyList<IReadOnlyList<Face>> facesPerImage, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(facesPerImage);
        var all = facesPerImage.SelectMany(f => f).ToList();
        var matches = index.Search(all.Select(f => f.Descriptor).ToList(), top);
        var result = new List<IReadOnlyList<IdentifiedFace>>(facesPerImage.Count);
        var next = 0;
        foreach (var faces in facesPerImage)
        {
            result.Add(faces.Select(f => new IdentifiedFace(f, matches[next++])).ToList());
        }

        return result;
    }

    /// <summary>Frees the search index's native memory (the pipeline is the caller's).</summary>
    public void Dispose() => index.Dispose();
}

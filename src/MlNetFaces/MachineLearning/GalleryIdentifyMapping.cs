using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using MlNetFaces.Imaging;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The row mapping behind the ML.NET gallery transform: image path → largest face → gallery answer.
/// Holds the gallery snapshot (saved inside the model zip by <see cref="GalleryModel.Save"/>); the face pipeline
/// and search index are created on first use. Thread-safe.
/// </summary>
public sealed class GalleryIdentifyMapping : IDisposable
{
    private readonly Lazy<FaceIdentifier> identifier;
    private readonly Lock gate = new();

    /// <summary>A mapping that identifies faces against <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The enrolled identities; its model must be the face pipeline's.</param>
    /// <param name="options">Top-k, detector, confidence, device and model store; null: the defaults.</param>
    /// <exception cref="GalleryException">The snapshot's model is not the pipeline's, or <see cref="GalleryTransformOptions.Top"/> is below 1.</exception>
    public GalleryIdentifyMapping(GallerySnapshot snapshot, GalleryTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        GalleryEnrollment.RequireModel(snapshot.ModelId, "gallery snapshot");
        Snapshot = snapshot;
        Options = options ?? new GalleryTransformOptions();
        if (Options.Top < 1)
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"Top must be at least 1, got {Options.Top}.");
        }

        identifier = new(() => new FaceIdentifier(
            new FacePipeline(new FacePipelineOptions
            {
                Detector = Options.Detector,
                MinConfidence = Options.MinConfidence,
                Device = Options.Device,
                Store = Options.Store,
            }),
            Snapshot));
    }

    /// <summary>The enrolled identities the images are identified against (saved in the model zip).</summary>
    public GallerySnapshot Snapshot { get; }

    /// <summary>The transform's settings.</summary>
    public GalleryTransformOptions Options { get; }

    /// <summary>The mapping action given to ML.NET's CustomMapping.</summary>
    /// <param name="input">The image path.</param>
    /// <param name="output">Receives the answer for the image's largest face.</param>
    public void Map(GalleryImageInput input, GalleryPrediction output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var image = ImageDecoder.Load(input.ImagePath);
        IReadOnlyList<IdentifiedFace> faces;
        lock (gate)
        {
            faces = identifier.Value.Identify(image, Options.Top);
        }

        output.FaceCount = faces.Count;
        var main = faces.MaxBy(f => f.Face.Box.Area);
        output.Identity = main?.Match.Identity ?? "";
        output.Distance = main?.Match.Distance ?? float.NaN;
        output.TopIdentities = main?.Match.Top.Select(c => c.Identity).ToArray() ?? [];
        output.TopDistances = main?.Match.Top.Select(c => c.Distance).ToArray() ?? [];
    }

    /// <summary>Releases the face pipeline and the search index, when they were made.</summary>
    public void Dispose()
    {
        if (identifier.IsValueCreated)
        {
            identifier.Value.Dispose();
        }
    }
}

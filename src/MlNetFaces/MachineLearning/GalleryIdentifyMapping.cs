using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using MlNetFaces.Imaging;
using MlNetFaces.Models;

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
                Store = Options.ModelStoreRoot is { } root ? new ModelStore(root) : null,
            }),
            Snapshot));
    }

    public GallerySnapshot Snapshot { get; }

    public GalleryTransformOptions Options { get; }

    /// <summary>The mapping action given to ML.NET's CustomMapping.</summary>
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

    public void Dispose()
    {
        if (identifier.IsValueCreated)
        {
            identifier.Value.Dispose();
        }
    }
}

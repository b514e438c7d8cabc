using System.Collections.Concurrent;
using Microsoft.ML.Transforms;
using MlNetFaces.Faces;
using MlNetFaces.Verification;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The deterministic image → embedding step as a saved ML.NET <c>CustomMapping</c>. The pretrained nets are not
/// stored in the model zip: the contract name names the recognition weights (dlib's float32 ResNet) and options, and
/// the nets are resolved from the model store, whose files are pinned by SHA-256. "v4": dlib's float32 weights, dlib
/// chip alignment and a detection margin (<see cref="FaceEmbedder.PipelineOptions"/>); zips saved with earlier
/// contracts (face-api's 8-bit weights) no longer load: fit and save them again.
/// </summary>
public abstract class FaceEmbeddingMappingFactory : CustomMappingFactory<FaceImageRow, FaceEmbeddingRow>
{
    private const string Prefix = "MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.";
    private static readonly ConcurrentDictionary<DetectorKind, FaceEmbedder> Embedders = new();

    protected abstract DetectorKind Detector { get; }

    protected abstract bool Flip { get; }

    /// <summary>The contract name for a detector and augmentation.</summary>
    public static string ContractName(DetectorKind detector, bool flip) =>
        Prefix + detector.ToString().ToLowerInvariant() + (flip ? ".flip" : string.Empty);

    public override Action<FaceImageRow, FaceEmbeddingRow> GetMapping() => Mapping(Detector, Flip);

    /// <summary>
    /// The mapping action, the same rule as <see cref="FaceEmbedder"/>: the central face (<see cref="CentralFaceFinder"/>);
    /// zeros and HasFace = false when none or unreadable.
    /// </summary>
    public static Action<FaceImageRow, FaceEmbeddingRow> Mapping(DetectorKind detector, bool flip) => (input, output) =>
    {
        var embedder = Embedders.GetOrAdd(detector, d => new FaceEmbedder(new FacePipeline(FaceEmbedder.PipelineOptions(d))));
        var run = embedder.Embed([input.MlNetFacesImagePath]);
        var found = run.Embeddings.TryGetValue(input.MlNetFacesImagePath, out var embedding) && embedding.HasFace;
        output.MlNetFacesEmbedding = found ? embedding!.Descriptor(flip)! : new float[128];
        output.MlNetFacesHasFace = found;
    };
}

/// <summary>SSD detector, plain descriptor.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.ssd")]
public sealed class SsdFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Ssd;

    protected override bool Flip => false;
}

/// <summary>SSD detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.ssd.flip")]
public sealed class SsdFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Ssd;

    protected override bool Flip => true;
}

/// <summary>Tiny detector, plain descriptor.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.tiny")]
public sealed class TinyFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Tiny;

    protected override bool Flip => false;
}

/// <summary>Tiny detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.tiny.flip")]
public sealed class TinyFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Tiny;

    protected override bool Flip => true;
}

using System.Collections.Concurrent;
using Microsoft.ML.Transforms;
using MlNetFaces.Faces;
using MlNetFaces.Embedding;

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
    /// <summary>The contract of <see cref="SsdFaceEmbeddingFactory"/>.</summary>
    public const string SsdContract = Prefix + "ssd";

    /// <summary>The contract of <see cref="SsdFlipFaceEmbeddingFactory"/>.</summary>
    public const string SsdFlipContract = SsdContract + FlipSuffix;

    /// <summary>The contract of <see cref="TinyFaceEmbeddingFactory"/>.</summary>
    public const string TinyContract = Prefix + "tiny";

    /// <summary>The contract of <see cref="TinyFlipFaceEmbeddingFactory"/>.</summary>
    public const string TinyFlipContract = TinyContract + FlipSuffix;

    private const string Prefix = "MlNetFaces.FaceEmbedding.dlib-resnet-v1.v4.";
    private const string FlipSuffix = ".flip";
    private static readonly ConcurrentDictionary<DetectorKind, FaceEmbedder> Embedders = new();

    protected abstract DetectorKind Detector { get; }

    protected abstract bool Flip { get; }

    /// <summary>The contract name for a detector and augmentation.</summary>
    public static string ContractName(DetectorKind detector, bool flip) => (detector, flip) switch
    {
        (DetectorKind.Tiny, false) => TinyContract,
        (DetectorKind.Tiny, true) => TinyFlipContract,
        (_, false) => SsdContract,
        (_, true) => SsdFlipContract,
    };

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
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.SsdContract)]
public sealed class SsdFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Ssd;

    protected override bool Flip => false;
}

/// <summary>SSD detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.SsdFlipContract)]
public sealed class SsdFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Ssd;

    protected override bool Flip => true;
}

/// <summary>Tiny detector, plain descriptor.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.TinyContract)]
public sealed class TinyFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Tiny;

    protected override bool Flip => false;
}

/// <summary>Tiny detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.TinyFlipContract)]
public sealed class TinyFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    protected override DetectorKind Detector => DetectorKind.Tiny;

    protected override bool Flip => true;
}

using System.Collections.Concurrent;
using Microsoft.ML.Transforms;
using MlNetFaces.Faces;
using MlNetFaces.Embedding;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The deterministic image → embedding step as a saved ML.NET <c>CustomMapping</c>. The pretrained nets are not
/// stored in the model zip: the contract name names the recognition weights (dlib's float32 ResNet) and options, and
/// the nets are resolved from the model store, whose files are pinned by SHA-256. "v4": dlib's float32 weights, dlib
/// chip alignment and a detection margin (<see cref="FaceEmbedder.PipelineOptions"/>); zips saved with earlier
/// contracts (face-api's 8-bit weights) no longer load: fit and save them again. The device and the model store are
/// not part of the contract: a loaded model runs on the CPU with the default store, unless it is loaded with
/// <see cref="LoadingSlot.LoadModel"/> and a <see cref="FaceEmbeddingOptions"/> that names them (as
/// <see cref="VerificationModel.Load"/> does).
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
    private static readonly ConcurrentDictionary<(DetectorKind Detector, string Device, string? Store), FaceEmbedder> Embedders = new();

    /// <summary>The detector of this factory's contract.</summary>
    protected abstract DetectorKind Detector { get; }

    /// <summary>Whether this factory's contract averages in the flipped crop's descriptor.</summary>
    protected abstract bool Flip { get; }

    /// <summary>The contract name for a detector and augmentation.</summary>
    /// <param name="detector">The face detector.</param>
    /// <param name="flip">Whether the flipped crop's descriptor is averaged in.</param>
    public static string ContractName(DetectorKind detector, bool flip) => (detector, flip) switch
    {
        (DetectorKind.Tiny, false) => TinyContract,
        (DetectorKind.Tiny, true) => TinyFlipContract,
        (_, false) => SsdContract,
        (_, true) => SsdFlipContract,
    };

    /// <summary>
    /// The mapping of this contract, on the device and model store of the <see cref="FaceEmbeddingOptions"/> in the
    /// <see cref="LoadingSlot"/> of the load running on this thread, else on the CPU with the default store.
    /// </summary>
    public override Action<FaceImageRow, FaceEmbeddingRow> GetMapping()
    {
        var machine = LoadingSlot.Current<FaceEmbeddingOptions>();
        return Mapping(Detector, Flip, machine?.Device ?? "cpu", machine?.Store);
    }

    /// <summary>
    /// The mapping action, the same rule as <see cref="FaceEmbedder"/>: the central face (<see cref="CentralFaceFinder"/>);
    /// zeros and HasFace = false when none or unreadable. The nets are made on first use and shared by every mapping of
    /// the same detector, device and store.
    /// </summary>
    /// <param name="detector">The face detector.</param>
    /// <param name="flip">Whether the flipped crop's descriptor is averaged in.</param>
    /// <param name="device">Where the nets run: "cpu" or "cuda[:N]".</param>
    /// <param name="store">Where the pretrained files live; null: the default store.</param>
    public static Action<FaceImageRow, FaceEmbeddingRow> Mapping(DetectorKind detector, bool flip, string device = "cpu", ModelStore? store = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        return (input, output) =>
        {
            var embedder = Embedders.GetOrAdd(
                (detector, device, store?.Root),
                key => new FaceEmbedder(new FacePipeline(FaceEmbedder.PipelineOptions(key.Detector, key.Device, store))));
            Map(embedder, flip, input, output);
        };
    }

    private static void Map(FaceEmbedder embedder, bool flip, FaceImageRow input, FaceEmbeddingRow output)
    {
        var run = embedder.Embed([input.MlNetFacesImagePath]);
        var found = run.Embeddings.TryGetValue(input.MlNetFacesImagePath, out var embedding) && embedding.HasFace;
        output.MlNetFacesEmbedding = found ? embedding!.Descriptor(flip)! : new float[128];
        output.MlNetFacesHasFace = found;
    }
}

/// <summary>SSD detector, plain descriptor.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.SsdContract)]
public sealed class SsdFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    /// <inheritdoc/>
    protected override DetectorKind Detector => DetectorKind.Ssd;

    /// <inheritdoc/>
    protected override bool Flip => false;
}

/// <summary>SSD detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.SsdFlipContract)]
public sealed class SsdFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    /// <inheritdoc/>
    protected override DetectorKind Detector => DetectorKind.Ssd;

    /// <inheritdoc/>
    protected override bool Flip => true;
}

/// <summary>Tiny detector, plain descriptor.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.TinyContract)]
public sealed class TinyFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    /// <inheritdoc/>
    protected override DetectorKind Detector => DetectorKind.Tiny;

    /// <inheritdoc/>
    protected override bool Flip => false;
}

/// <summary>Tiny detector, flip test-time augmentation.</summary>
[CustomMappingFactoryAttribute(FaceEmbeddingMappingFactory.TinyFlipContract)]
public sealed class TinyFlipFaceEmbeddingFactory : FaceEmbeddingMappingFactory
{
    /// <inheritdoc/>
    protected override DetectorKind Detector => DetectorKind.Tiny;

    /// <inheritdoc/>
    protected override bool Flip => true;
}

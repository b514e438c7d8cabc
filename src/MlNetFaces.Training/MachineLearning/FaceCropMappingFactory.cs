using System.Collections.Concurrent;
using Microsoft.ML.Transforms;
using MlNetFaces.Embedding;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Image path → 150×150 face crop (<see cref="FaceCropper"/>) as a saved ML.NET <c>CustomMapping</c>; the input of a
/// trained embedding net applied with <c>ApplyOnnxModel</c>. Deterministic, so only the contract name is saved; crops are
/// cached on disk by content hash (<see cref="FaceCropCache"/>). The face pipeline of <see cref="FaceCropMode.Align"/>
/// runs on the device and from the model store of the <see cref="FaceEmbeddingOptions"/> in the <see cref="LoadingSlot"/>
/// of a load (as <see cref="TrainedEmbeddingModel.Load"/> puts there), else on the CPU from the default store.
/// </summary>
public abstract class FaceCropMappingFactory : CustomMappingFactory<FaceImageRow, FaceCropRow>
{
    private const string Prefix = "MlNetFaces.FaceCrop.";
    private static readonly ConcurrentDictionary<(FaceCropMode Mode, string Device, string? Store), FaceCropper> Croppers = new();

    /// <summary>The crop mode of this factory's contract.</summary>
    protected abstract FaceCropMode Mode { get; }

    /// <summary>The contract name of a crop mode.</summary>
    /// <param name="mode">The crop mode.</param>
    public static string ContractName(FaceCropMode mode) => Prefix + FaceCropper.ModeId(mode);

    /// <summary>The mapping of this contract, on the device and model store of the load running on this thread (see the class).</summary>
    public override Action<FaceImageRow, FaceCropRow> GetMapping()
    {
        var machine = LoadingSlot.Current<FaceEmbeddingOptions>();
        return Mapping(Mode, machine?.Device ?? "cpu", machine?.Store);
    }

    /// <summary>The mapping: the crop as float CHW, or zeros and HasFace = false when the file is unreadable or has no face.</summary>
    /// <param name="mode">The crop mode.</param>
    /// <param name="device">Where the face pipeline of <see cref="FaceCropMode.Align"/> runs: "cpu" or "cuda[:N]".</param>
    /// <param name="store">Where its pretrained files live; null: the default store.</param>
    public static Action<FaceImageRow, FaceCropRow> Mapping(FaceCropMode mode, string device = "cpu", ModelStore? store = null) => (input, output) =>
    {
        var cropper = Croppers.GetOrAdd(
            (mode, device, store?.Root),
            key => new FaceCropper(key.Mode, new FaceCropCache(), FaceEmbedder.PipelineOptions(DetectorKind.Ssd, key.Device, store)));
        RgbImage? crop;
        lock (cropper)
        {
            crop = cropper.Crop(input.MlNetFacesImagePath).Crop;
        }

        var side = EmbeddingNetwork.InputSize;
        var chw = new float[3 * side * side];
        if (crop is not null)
        {
            var pixels = crop.Pixels;
            for (var i = 0; i < side * side; i++)
            {
                chw[i] = pixels[3 * i];
                chw[(side * side) + i] = pixels[(3 * i) + 1];
                chw[(2 * side * side) + i] = pixels[(3 * i) + 2];
            }
        }

        output.MlNetFacesCrop = chw;
        output.MlNetFacesCropHasFace = crop is not null;
    };
}

/// <summary>Detected and aligned by the face pipeline (SSD, dlib chip: v2).</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceCrop.align-face-api-1.7.15-v3-ssd")]
public sealed class AlignFaceCropFactory : FaceCropMappingFactory
{
    /// <inheritdoc/>
    protected override FaceCropMode Mode => FaceCropMode.Align;
}

/// <summary>Crops as given: padded to a square and resized.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceCrop.resize")]
public sealed class ResizeFaceCropFactory : FaceCropMappingFactory
{
    /// <inheritdoc/>
    protected override FaceCropMode Mode => FaceCropMode.Resize;
}

/// <summary>The central half, resized (pre-aligned sets).</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceCrop.center-half")]
public sealed class CenterHalfFaceCropFactory : FaceCropMappingFactory
{
    /// <inheritdoc/>
    protected override FaceCropMode Mode => FaceCropMode.CenterHalf;
}

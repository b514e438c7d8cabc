using System.Collections.Concurrent;
using Microsoft.ML.Transforms;
using MlNetFaces.Imaging;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Image path → 150×150 face crop (<see cref="FaceCropper"/>) as a saved ML.NET <c>CustomMapping</c>; the input of a
/// trained embedding net applied with <c>ApplyOnnxModel</c>. Deterministic, so only the contract name is saved; crops are
/// cached on disk by content hash (<see cref="FaceCropCache"/>).
/// </summary>
public abstract class FaceCropMappingFactory : CustomMappingFactory<FaceImageRow, FaceCropRow>
{
    private const string Prefix = "MlNetFaces.FaceCrop.";
    private static readonly ConcurrentDictionary<FaceCropMode, FaceCropper> Croppers = new();

    protected abstract FaceCropMode Mode { get; }

    public static string ContractName(FaceCropMode mode) => Prefix + FaceCropper.ModeId(mode);

    public override Action<FaceImageRow, FaceCropRow> GetMapping() => Mapping(Mode);

    /// <summary>The mapping: the crop as float CHW, or zeros and HasFace = false when the file is unreadable or has no face.</summary>
    public static Action<FaceImageRow, FaceCropRow> Mapping(FaceCropMode mode) => (input, output) =>
    {
        var cropper = Croppers.GetOrAdd(mode, m => new FaceCropper(m, new FaceCropCache()));
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
    protected override FaceCropMode Mode => FaceCropMode.Align;
}

/// <summary>Crops as given: padded to a square and resized.</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceCrop.resize")]
public sealed class ResizeFaceCropFactory : FaceCropMappingFactory
{
    protected override FaceCropMode Mode => FaceCropMode.Resize;
}

/// <summary>The central half, resized (pre-aligned sets).</summary>
[CustomMappingFactoryAttribute("MlNetFaces.FaceCrop.center-half")]
public sealed class CenterHalfFaceCropFactory : FaceCropMappingFactory
{
    protected override FaceCropMode Mode => FaceCropMode.CenterHalf;
}

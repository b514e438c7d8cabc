using Microsoft.ML;
using MlNetFaces.Models;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The ML.NET steps that apply a trained embedding net: image path → face crop (saved <c>CustomMapping</c>) → the net
/// as ONNX (<c>ApplyOnnxModel</c>, whose bytes are stored in the model zip) → a D-float embedding column and a
/// <c>{output}HasFace</c> flag. Deterministic once the ONNX bytes are given, so it fits on an empty data view.
/// </summary>
public static class TrainedEmbeddingTransforms
{
    private const string CropColumn = nameof(FaceCropRow.MlNetFacesCrop);
    private const string HasFaceColumn = nameof(FaceCropRow.MlNetFacesCropHasFace);
    private const string PathColumn = nameof(FaceImageRow.MlNetFacesImagePath);

    /// <summary>The steps, unfitted.</summary>
    /// <param name="t">The catalog that makes the steps.</param>
    /// <param name="onnxModel">The net, exported to ONNX (<see cref="EmbeddingNetwork.ExportOnnx"/>).</param>
    /// <param name="cropMode">How an image becomes the net's input.</param>
    /// <param name="outputColumnName">The embedding column to add.</param>
    /// <param name="inputColumnName">The column of image file paths.</param>
    /// <param name="device">Where the face pipeline of <see cref="FaceCropMode.Align"/> runs: "cpu" or "cuda[:N]".</param>
    /// <param name="store">Where its pretrained files live; null: the default store.</param>
    public static IEstimator<ITransformer> Estimator(
        TransformsCatalog t,
        byte[] onnxModel,
        FaceCropMode cropMode,
        string outputColumnName = "Embedding",
        string inputColumnName = "ImagePath",
        string device = "cpu",
        ModelStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(onnxModel);
        return t.CopyColumns(PathColumn, inputColumnName)
            .Append(t.CustomMapping(FaceCropMappingFactory.Mapping(cropMode, device, store), FaceCropMappingFactory.ContractName(cropMode)))
            .Append(t.CopyColumns(EmbeddingNetwork.OnnxInputName, CropColumn))
            .Append(t.ApplyOnnxModel(EmbeddingNetwork.OnnxOutputName, EmbeddingNetwork.OnnxInputName, new MemoryStream(onnxModel)))
            // ML.NET reads the net's [N,D] output row by row as a [1,D] vector; Concatenate makes it a plain D-vector.
            .Append(t.Concatenate(outputColumnName, EmbeddingNetwork.OnnxOutputName))
            .Append(t.CopyColumns(outputColumnName + "HasFace", HasFaceColumn))
            .Append(t.DropColumns(PathColumn, CropColumn, HasFaceColumn, EmbeddingNetwork.OnnxInputName, EmbeddingNetwork.OnnxOutputName));
    }

    /// <summary>The fitted steps (no data is needed: they are deterministic).</summary>
    /// <param name="context">The context that makes and fits the steps.</param>
    /// <param name="onnxModel">The net, exported to ONNX.</param>
    /// <param name="cropMode">How an image becomes the net's input.</param>
    /// <param name="outputColumnName">The embedding column to add.</param>
    /// <param name="inputColumnName">The column of image file paths.</param>
    public static ITransformer Fit(MLContext context, byte[] onnxModel, FaceCropMode cropMode, string outputColumnName = "Embedding", string inputColumnName = "ImagePath")
    {
        ArgumentNullException.ThrowIfNull(context);
        var empty = context.Data.LoadFromEnumerable(new List<PathRow>());
        var copy = inputColumnName == nameof(PathRow.ImagePath)
            ? empty
            : context.Transforms.CopyColumns(inputColumnName, nameof(PathRow.ImagePath)).Fit(empty).Transform(empty);
        return Estimator(context.Transforms, onnxModel, cropMode, outputColumnName, inputColumnName).Fit(copy);
    }

    /// <summary>An input row of image paths.</summary>
    public sealed class PathRow
    {
        /// <summary>The image file.</summary>
        public string ImagePath { get; set; } = string.Empty;
    }
}

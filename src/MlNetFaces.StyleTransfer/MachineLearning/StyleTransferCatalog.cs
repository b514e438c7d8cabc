using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.StyleTransfer.Fast;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// ML.NET catalog extensions of the MlNetFaces.StyleTransfer package: <c>mlContext.Transforms.TrainFastStyle(...)</c>,
/// <c>...StylizeAudio(...)</c>, <c>...StylizeVolumes(...)</c> (whose results <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleFileTransformOptions?)"/>
/// writes). Before loading a saved zip in a fresh process call <see cref="Register"/>.
/// </summary>
public static class StyleTransferCatalog
{
    /// <summary>Registers this package's transforms with <paramref name="context"/> before <c>mlContext.Model.Load</c>.</summary>
    public static void Register(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ComponentCatalog.RegisterAssembly(typeof(StyleTransferCatalog).Assembly);
    }

    /// <summary>
    /// Trains a fast feed-forward style network for <paramref name="style"/> on the content images of an image-path column;
    /// the fitted transformer stylises images of <paramref name="size"/> px in one forward pass and saves into a model zip.
    /// </summary>
    public static FastStyleEstimator TrainFastStyle(
        this TransformsCatalog catalog, RgbImage style, FastStyleOptions? options = null, int size = 512, string inputColumnName = FastStyleModel.ImagePathColumn, IStyleBackbone? backbone = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FastStyleEstimator(catalog, style, options, size, inputColumnName, backbone);
    }

    /// <summary>
    /// Audio style transfer per row: content and style WAV path columns → the stylised WAV's bytes (in memory), its style
    /// drop and envelope correlation. Nothing is written until <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleFileTransformOptions?)"/>.
    /// </summary>
    public static StyleFileEstimator StylizeAudio(this TransformsCatalog catalog, StyleFileTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StyleFileEstimator(catalog, options ?? new StyleFileTransformOptions(), AudioStyleMappingFactory.Map, AudioStyleMappingFactory.ContractName);
    }

    /// <summary>
    /// Volume style transfer per row: content and style NIfTI path columns → the stylised volume's <c>.nii</c> bytes (in
    /// memory, with the content's header), its style drop and voxel correlation. Nothing is written until
    /// <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleFileTransformOptions?)"/>.
    /// </summary>
    public static StyleFileEstimator StylizeVolumes(this TransformsCatalog catalog, StyleFileTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StyleFileEstimator(catalog, options ?? new StyleFileTransformOptions(), VolumeStyleMappingFactory.Map, VolumeStyleMappingFactory.ContractName);
    }
}

using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.StyleTransfer.Fast;

namespace MlNetFaces.MachineLearning;

/// <summary>ML.NET catalog extensions: <c>mlContext.Transforms.DetectAndEmbedFaces(...)</c>, <c>...FacePairDistances(...)</c>, <c>...TrainFaceEmbedding(...)</c>.</summary>
public static class MlNetFacesCatalog
{
    /// <summary>
    /// The one registration call a fresh process needs before <c>mlContext.Model.Load</c> of a zip that holds
    /// MlNetFaces transforms (ML.NET finds the custom-mapping factories through it).
    /// </summary>
    public static void Register(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ComponentCatalog.RegisterAssembly(typeof(MlNetFacesCatalog).Assembly);
    }

    /// <summary>Image paths → 128-D face embeddings (+ a <c>{output}HasFace</c> flag).</summary>
    public static FaceEmbeddingEstimator DetectAndEmbedFaces(
        this TransformsCatalog catalog, string outputColumnName = "Embedding", string inputColumnName = "ImagePath")
        => DetectAndEmbedFaces(catalog, new FaceEmbeddingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName });

    public static FaceEmbeddingEstimator DetectAndEmbedFaces(this TransformsCatalog catalog, FaceEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingEstimator(catalog, options);
    }

    /// <summary>Two embedding columns → [squared L2, L2, cosine] distance features.</summary>
    public static PairDistanceEstimator FacePairDistances(
        this TransformsCatalog catalog, string outputColumnName = "Features", string firstEmbeddingColumnName = "Embedding1", string secondEmbeddingColumnName = "Embedding2")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PairDistanceEstimator(catalog, outputColumnName, firstEmbeddingColumnName, secondEmbeddingColumnName);
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

    /// <summary>Audio style transfer per row: content/style/output WAV path columns → the output WAV, style drop, envelope correlation.</summary>
    public static StyleFileEstimator StylizeAudio(this TransformsCatalog catalog, StyleFileTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StyleFileEstimator(catalog, options ?? new StyleFileTransformOptions(), AudioStyleMappingFactory.Map, AudioStyleMappingFactory.ContractName);
    }

    /// <summary>Volume style transfer per row: content/style/output NIfTI path columns → the output volume, style drop, voxel correlation.</summary>
    public static StyleFileEstimator StylizeVolumes(this TransformsCatalog catalog, StyleFileTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new StyleFileEstimator(catalog, options ?? new StyleFileTransformOptions(), VolumeStyleMappingFactory.Map, VolumeStyleMappingFactory.ContractName);
    }

    /// <summary>
    /// Trains a face embedding (triplet or contrastive loss with online mining) on image paths and identity labels;
    /// the fitted transformer embeds images with the trained net and saves into one model zip.
    /// </summary>
    public static FaceEmbeddingTrainer TrainFaceEmbedding(this TransformsCatalog catalog, FaceEmbeddingTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingTrainer(catalog, options);
    }
}

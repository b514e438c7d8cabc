using Microsoft.ML;

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
    /// Trains a face embedding (triplet or contrastive loss with online mining) on image paths and identity labels;
    /// the fitted transformer embeds images with the trained net and saves into one model zip.
    /// </summary>
    public static FaceEmbeddingTrainer TrainFaceEmbedding(this TransformsCatalog catalog, FaceEmbeddingTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingTrainer(catalog, options);
    }
}

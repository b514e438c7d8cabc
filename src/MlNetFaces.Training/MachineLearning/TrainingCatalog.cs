using Microsoft.ML;

namespace MlNetFaces.MachineLearning;

/// <summary>ML.NET catalog extensions of the MlNetFaces.Training package: <c>mlContext.Transforms.TrainFaceEmbedding(...)</c>.</summary>
public static class TrainingCatalog
{
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

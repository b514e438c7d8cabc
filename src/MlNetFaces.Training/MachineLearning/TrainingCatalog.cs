using Microsoft.ML;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// ML.NET catalog extensions of the MlNetFaces.Training package: <c>mlContext.Transforms.TrainFaceEmbedding(...)</c>,
/// with a simple overload and an options overload.
/// </summary>
public static class TrainingCatalog
{
    /// <summary>
    /// Trains a face embedding (triplet loss with semi-hard online mining, a net from scratch, faces detected and
    /// aligned) on image paths and identity labels; the fitted <see cref="FaceEmbeddingTransformer"/> embeds images
    /// with the trained net, carries the training record and saves into one model zip.
    /// </summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="outputColumnName">The embedding column to add (a bool column <c>{outputColumnName}HasFace</c> is added too).</param>
    /// <param name="imagePathColumnName">The column of image file paths (text).</param>
    /// <param name="labelColumnName">The column of identity names (text).</param>
    /// <param name="epochs">Passes over the training identities.</param>
    /// <param name="cropMode">How an image becomes the net's input.</param>
    /// <returns>The trainer; its options are those of <see cref="FaceEmbeddingTrainerOptions"/> otherwise.</returns>
    public static FaceEmbeddingTrainer TrainFaceEmbedding(
        this TransformsCatalog catalog,
        string outputColumnName = "Embedding",
        string imagePathColumnName = "ImagePath",
        string labelColumnName = "Label",
        int epochs = 10,
        FaceCropMode cropMode = FaceCropMode.Align)
        => TrainFaceEmbedding(catalog, new FaceEmbeddingTrainerOptions
        {
            OutputColumnName = outputColumnName,
            ImagePathColumnName = imagePathColumnName,
            LabelColumnName = labelColumnName,
            CropMode = cropMode,
            Training = new TripletTrainingOptions { Epochs = epochs },
        });

    /// <summary>
    /// Trains a face embedding (triplet or contrastive loss with online mining) on image paths and identity labels,
    /// with every setting: loss, net, P×K, device, model store, checkpoints and progress reports included.
    /// </summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="options">Columns, crop mode, training options, model store and progress reports.</param>
    /// <returns>The trainer.</returns>
    public static FaceEmbeddingTrainer TrainFaceEmbedding(this TransformsCatalog catalog, FaceEmbeddingTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingTrainer(catalog, options);
    }
}

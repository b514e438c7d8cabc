using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Embedding;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The ML.NET trainer of a face embedding (<see cref="TrainingCatalog.TrainFaceEmbedding(TransformsCatalog, FaceEmbeddingTrainerOptions)"/>):
/// <see cref="Fit(IDataView)"/> reads image paths and identity labels, crops the faces (cached), trains a net with a
/// triplet or contrastive loss (<see cref="TripletTrainer"/>) and returns a <see cref="FaceEmbeddingTransformer"/> that
/// embeds images with it and carries the training record. The estimator keeps no state between fits. The transformer
/// saves into one model zip with the trained weights inside, and reloads after <see cref="MlNetFacesCatalog.Register"/>.
/// </summary>
public sealed class FaceEmbeddingTrainer : IEstimator<FaceEmbeddingTransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly FaceEmbeddingTrainerOptions options;

    /// <summary>A trainer over the transforms of an ML.NET context.</summary>
    /// <param name="transforms">The catalog that makes the crop and ONNX steps.</param>
    /// <param name="options">Columns, crop mode, training options, image limit, device, model store and progress.</param>
    public FaceEmbeddingTrainer(TransformsCatalog transforms, FaceEmbeddingTrainerOptions options)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ImagePathColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LabelColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
        ArgumentNullException.ThrowIfNull(options.Training);
    }

    /// <summary>Crops the faces of <paramref name="input"/>, trains the net and returns the transformer that embeds with it.</summary>
    /// <param name="input">Data with the image path and label columns (text).</param>
    public FaceEmbeddingTransformer Fit(IDataView input) => Fit(input, CancellationToken.None);

    /// <summary>
    /// As <see cref="Fit(IDataView)"/>, stopping when <paramref name="cancellationToken"/> is cancelled: between two
    /// crops or two training steps (the checkpoint, when there is one, keeps the last completed epoch).
    /// </summary>
    /// <param name="input">Data with the image path and label columns (text).</param>
    /// <param name="cancellationToken">Stops the cropping or the training.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public FaceEmbeddingTransformer Fit(IDataView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, options.ImagePathColumnName);
        SchemaChecks.RequireScalarText(input.Schema, options.LabelColumnName);
        var paths = input.GetColumn<string>(options.ImagePathColumnName).ToList();
        var labels = input.GetColumn<string>(options.LabelColumnName).ToList();
        var images = labels.Zip(paths, (l, p) => (l, p)).ToList();
        var cropper = new FaceCropper(options.CropMode, new FaceCropCache(), FaceEmbedder.PipelineOptions(DetectorKind.Ssd, options.Training.Device, options.Store));
        var data = FaceCropDataset.Build(
            images, cropper, maxImagesPerIdentity: options.MaxImagesPerIdentity, progress: options.CropProgress, cancellationToken: cancellationToken);
        var result = TripletTrainer.Train(
            data, options.Training, options.Progress, options.Warnings, options.Store, options.Validated, cancellationToken);
        result.Network.eval();
        return new FaceEmbeddingTransformer(Estimator(result.Network.ExportOnnx()).Fit(input), result, data.Problems);
    }

    /// <summary>The input schema with the embedding and <c>{Output}HasFace</c> columns added.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, options.ImagePathColumnName);
        // The schema does not depend on the weights: an untrained net of the same spec gives it.
        using var net = EmbeddingNetworks.Create(options.Training.Network, options.Store);
        return Estimator(net.ExportOnnx()).GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> Estimator(byte[] onnx) =>
        TrainedEmbeddingTransforms.Estimator(
            transforms, onnx, options.CropMode, options.OutputColumnName, options.ImagePathColumnName, options.Training.Device, options.Store);
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The ML.NET trainer of a face embedding: <see cref="Fit"/> reads image paths and identity labels, crops the faces
/// (cached), trains a net with a triplet or contrastive loss (<see cref="TripletTrainer"/>) and returns the transformer that
/// embeds images with it (face crop → the net as ONNX → <c>{Output}</c> and <c>{Output}HasFace</c>). The transformer saves
/// into one model zip with the trained weights inside, and reloads after <see cref="MlNetFacesCatalog.Register"/>.
/// </summary>
public sealed class FaceEmbeddingTrainer : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly FaceEmbeddingTrainerOptions options;

    public FaceEmbeddingTrainer(TransformsCatalog transforms, FaceEmbeddingTrainerOptions options)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The last <see cref="Fit"/>'s training run (losses, steps, time, warnings).</summary>
    public TrainingResult? LastResult { get; private set; }

    /// <summary>What the last <see cref="Fit"/> skipped: unreadable files, images without a face, identities with one image.</summary>
    public IReadOnlyList<string> LastProblems { get; private set; } = [];

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, options.ImagePathColumnName);
        SchemaChecks.RequireScalarText(input.Schema, options.LabelColumnName);
        var paths = input.GetColumn<string>(options.ImagePathColumnName).ToList();
        var labels = input.GetColumn<string>(options.LabelColumnName).ToList();
        var images = labels.Zip(paths, (l, p) => (l, p)).ToList();
        var data = FaceCropDataset.Build(images, new FaceCropper(options.CropMode, new FaceCropCache()), maxImagesPerIdentity: options.MaxImagesPerIdentity);
        LastProblems = data.Problems;
        var result = TripletTrainer.Train(data, options.Training, options.Progress);
        LastResult = result;
        return Estimator(result.Network.ExportOnnx()).Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, options.ImagePathColumnName);
        // The schema does not depend on the weights: an untrained net of the same spec gives it.
        using var net = EmbeddingNetworks.Create(options.Training.Network);
        return Estimator(net.ExportOnnx()).GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> Estimator(byte[] onnx) =>
        TrainedEmbeddingTransforms.Estimator(transforms, onnx, options.CropMode, options.OutputColumnName, options.ImagePathColumnName);
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Image path column → detected, aligned face (the central one, <see cref="Embedding.CentralFaceFinder"/>) → 128-D embedding column and a
/// <c>HasFace</c> flag; images without a face are flagged, not fatal. Saves into a model zip (see
/// <see cref="MlNetFacesCatalog.Register"/> before loading). Made by
/// <see cref="MlNetFacesCatalog.DetectAndEmbedFaces(TransformsCatalog, FaceEmbeddingOptions)"/>. Deterministic: fitting
/// learns nothing, and the nets run on <see cref="FaceEmbeddingOptions.Device"/> from <see cref="FaceEmbeddingOptions.Store"/>.
/// </summary>
public sealed class FaceEmbeddingEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly FaceEmbeddingOptions options;

    /// <summary>An estimator over the transforms of an ML.NET context.</summary>
    /// <param name="transforms">The catalog that makes the underlying column and mapping steps.</param>
    /// <param name="options">Columns, detector, flip augmentation, device and model store.</param>
    public FaceEmbeddingEstimator(TransformsCatalog transforms, FaceEmbeddingOptions options)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Device);
    }

    /// <summary>Checks that the input column holds text and returns the fitted steps (nothing is learnt).</summary>
    /// <param name="input">Data with the image path column.</param>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, options.InputColumnName);
        return Chain().Fit(input);
    }

    /// <summary>The input schema with the embedding and <c>{output}HasFace</c> columns added.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, options.InputColumnName);
        return Chain().GetOutputSchema(inputSchema);
    }

    private EstimatorChain<Microsoft.ML.Transforms.ColumnSelectingTransformer> Chain()
    {
        var contract = FaceEmbeddingMappingFactory.ContractName(options.Detector, options.FlipAugmentation);
        return transforms.CopyColumns(nameof(FaceImageRow.MlNetFacesImagePath), options.InputColumnName)
            .Append(transforms.CustomMapping(FaceEmbeddingMappingFactory.Mapping(options.Detector, options.FlipAugmentation, options.Device, options.Store), contract))
            .Append(transforms.CopyColumns(options.OutputColumnName, nameof(FaceEmbeddingRow.MlNetFacesEmbedding)))
            .Append(transforms.CopyColumns(options.OutputColumnName + "HasFace", nameof(FaceEmbeddingRow.MlNetFacesHasFace)))
            .Append(transforms.DropColumns(
                nameof(FaceImageRow.MlNetFacesImagePath), nameof(FaceEmbeddingRow.MlNetFacesEmbedding), nameof(FaceEmbeddingRow.MlNetFacesHasFace)));
    }
}

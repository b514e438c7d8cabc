using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Image path column → detected, aligned face (the central one, <see cref="Embedding.CentralFaceFinder"/>) → 128-D embedding column and a
/// <c>HasFace</c> flag; images without a face are flagged, not fatal. Saves into a model zip (see
/// <see cref="MlNetFacesCatalog.Register"/> before loading).
/// </summary>
public sealed class FaceEmbeddingEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly FaceEmbeddingOptions options;

    public FaceEmbeddingEstimator(TransformsCatalog transforms, FaceEmbeddingOptions options)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
    }

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, options.InputColumnName);
        return Chain().Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, options.InputColumnName);
        return Chain().GetOutputSchema(inputSchema);
    }

    private EstimatorChain<Microsoft.ML.Transforms.ColumnSelectingTransformer> Chain()
    {
        var contract = FaceEmbeddingMappingFactory.ContractName(options.Detector, options.FlipAugmentation);
        return transforms.CopyColumns(nameof(FaceImageRow.MlNetFacesImagePath), options.InputColumnName)
            .Append(transforms.CustomMapping(FaceEmbeddingMappingFactory.Mapping(options.Detector, options.FlipAugmentation), contract))
            .Append(transforms.CopyColumns(options.OutputColumnName, nameof(FaceEmbeddingRow.MlNetFacesEmbedding)))
            .Append(transforms.CopyColumns(options.OutputColumnName + "HasFace", nameof(FaceEmbeddingRow.MlNetFacesHasFace)))
            .Append(transforms.DropColumns(
                nameof(FaceImageRow.MlNetFacesImagePath), nameof(FaceEmbeddingRow.MlNetFacesEmbedding), nameof(FaceEmbeddingRow.MlNetFacesHasFace)));
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>Two embedding columns → a 3-float feature column [squared L2, L2, cosine] for a binary classifier.</summary>
public sealed class PairDistanceEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly string outputColumnName;
    private readonly string firstColumnName;
    private readonly string secondColumnName;

    public PairDistanceEstimator(TransformsCatalog transforms, string outputColumnName, string firstColumnName, string secondColumnName)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.outputColumnName = outputColumnName;
        this.firstColumnName = firstColumnName;
        this.secondColumnName = secondColumnName;
    }

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireFloatVector(input.Schema, firstColumnName);
        SchemaChecks.RequireFloatVector(input.Schema, secondColumnName);
        return Chain().Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireFloatVector(inputSchema, firstColumnName);
        SchemaChecks.RequireFloatVector(inputSchema, secondColumnName);
        return Chain().GetOutputSchema(inputSchema);
    }

    private EstimatorChain<Microsoft.ML.Transforms.ColumnSelectingTransformer> Chain() =>
        transforms.CopyColumns(nameof(EmbeddingPairRow.MlNetFacesEmbeddingA), firstColumnName)
            .Append(transforms.CopyColumns(nameof(EmbeddingPairRow.MlNetFacesEmbeddingB), secondColumnName))
            .Append(transforms.CustomMapping<EmbeddingPairRow, PairDistanceRow>(PairDistanceMappingFactory.Map, PairDistanceMappingFactory.ContractName))
            .Append(transforms.CopyColumns(outputColumnName, nameof(PairDistanceRow.MlNetFacesDistances)))
            .Append(transforms.DropColumns(
                nameof(EmbeddingPairRow.MlNetFacesEmbeddingA), nameof(EmbeddingPairRow.MlNetFacesEmbeddingB), nameof(PairDistanceRow.MlNetFacesDistances)));
}

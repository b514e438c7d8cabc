using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>Two embedding columns → a 3-float feature column [squared L2, L2, cosine] for a binary classifier.</summary>
public sealed class PairDistanceEstimator : IEstimator<ITransformer>
{
    private readonly MLContext context;
    private readonly string outputColumnName;
    private readonly string firstColumnName;
    private readonly string secondColumnName;

    public PairDistanceEstimator(MLContext context, string outputColumnName, string firstColumnName, string secondColumnName)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
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
        context.Transforms.CopyColumns(nameof(EmbeddingPairRow.MlNetFacesEmbeddingA), firstColumnName)
            .Append(context.Transforms.CopyColumns(nameof(EmbeddingPairRow.MlNetFacesEmbeddingB), secondColumnName))
            .Append(context.Transforms.CustomMapping<EmbeddingPairRow, PairDistanceRow>(PairDistanceMappingFactory.Map, PairDistanceMappingFactory.ContractName))
            .Append(context.Transforms.CopyColumns(outputColumnName, nameof(PairDistanceRow.MlNetFacesDistances)))
            .Append(context.Transforms.DropColumns(
                nameof(EmbeddingPairRow.MlNetFacesEmbeddingA), nameof(EmbeddingPairRow.MlNetFacesEmbeddingB), nameof(PairDistanceRow.MlNetFacesDistances)));
}

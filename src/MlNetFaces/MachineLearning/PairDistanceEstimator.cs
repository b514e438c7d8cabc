using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Two embedding columns → a 3-float feature column [squared L2, L2, cosine] for a binary classifier. Made by
/// <see cref="MlNetFacesCatalog.FacePairDistances(TransformsCatalog, PairDistanceOptions)"/>; deterministic (fitting learns nothing).
/// </summary>
public sealed class PairDistanceEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly string outputColumnName;
    private readonly string firstColumnName;
    private readonly string secondColumnName;

    /// <summary>An estimator over the transforms of an ML.NET context.</summary>
    /// <param name="transforms">The catalog that makes the underlying column and mapping steps.</param>
    /// <param name="options">The output column and the two embedding columns.</param>
    public PairDistanceEstimator(TransformsCatalog transforms, PairDistanceOptions options)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FirstEmbeddingColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SecondEmbeddingColumnName);
        outputColumnName = options.OutputColumnName;
        firstColumnName = options.FirstEmbeddingColumnName;
        secondColumnName = options.SecondEmbeddingColumnName;
    }

    /// <summary>Checks that both input columns are float vectors and returns the fitted steps (nothing is learnt).</summary>
    /// <param name="input">Data with the two embedding columns.</param>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireFloatVector(input.Schema, firstColumnName);
        SchemaChecks.RequireFloatVector(input.Schema, secondColumnName);
        return Chain().Fit(input);
    }

    /// <summary>The input schema with the distance feature column added.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
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

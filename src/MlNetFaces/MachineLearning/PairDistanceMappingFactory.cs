using Microsoft.ML.Transforms;
using MlNetFaces.Evaluation;

namespace MlNetFaces.MachineLearning;

/// <summary>Two embeddings → [squared L2, L2, cosine] as a saved ML.NET <c>CustomMapping</c>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PairDistanceMappingFactory : CustomMappingFactory<EmbeddingPairRow, PairDistanceRow>
{
    /// <summary>The contract name saved in model zips.</summary>
    public const string ContractName = "MlNetFaces.PairDistances.v1";

    /// <summary>The mapping, <see cref="Map"/>.</summary>
    public override Action<EmbeddingPairRow, PairDistanceRow> GetMapping() => Map;

    /// <summary>Writes the distance features of the row's two embeddings.</summary>
    /// <param name="input">The two embeddings.</param>
    /// <param name="output">Receives [squared L2, L2, cosine].</param>
    public static void Map(EmbeddingPairRow input, PairDistanceRow output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.MlNetFacesDistances = PairDistance.Features(input.MlNetFacesEmbeddingA, input.MlNetFacesEmbeddingB);
    }
}

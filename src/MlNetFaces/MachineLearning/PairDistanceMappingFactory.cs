using Microsoft.ML.Transforms;
using MlNetFaces.Evaluation;

namespace MlNetFaces.MachineLearning;

/// <summary>Two embeddings → [squared L2, L2, cosine] as a saved ML.NET <c>CustomMapping</c>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PairDistanceMappingFactory : CustomMappingFactory<EmbeddingPairRow, PairDistanceRow>
{
    public const string ContractName = "MlNetFaces.PairDistances.v1";

    public override Action<EmbeddingPairRow, PairDistanceRow> GetMapping() => Map;

    public static void Map(EmbeddingPairRow input, PairDistanceRow output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.MlNetFacesDistances = PairDistance.Features(input.MlNetFacesEmbeddingA, input.MlNetFacesEmbeddingB);
    }
}

using Microsoft.ML.Transforms;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Re-creates the gallery mapping when ML.NET loads a saved model: the snapshot comes from the model zip, read by
/// <see cref="GalleryModel.Load"/> (a plain <c>mlContext.Model.Load</c> cannot see it and is refused with a message).
/// </summary>
[CustomMappingFactoryAttribute(GalleryModel.ContractName)]
public sealed class GalleryMappingFactory : CustomMappingFactory<GalleryImageInput, GalleryPrediction>
{
    /// <summary>The mapping of the gallery being loaded by <see cref="GalleryModel.Load"/>; refused outside it.</summary>
    public override Action<GalleryImageInput, GalleryPrediction> GetMapping() =>
        (GalleryModel.Loading ?? throw new InvalidOperationException(
            "This model holds an MlNetFaces gallery transform: load it with GalleryModel.Load(mlContext, path, out schema), "
            + "which reads the gallery snapshot stored in the zip.")).Map;
}

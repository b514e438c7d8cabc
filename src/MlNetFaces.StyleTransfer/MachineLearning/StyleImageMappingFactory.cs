using Microsoft.ML.Transforms;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Re-creates the style mapping when ML.NET loads a saved model: style images and options come from the zip, read by
/// <see cref="StyleImageModel.Load"/> (a plain <c>mlContext.Model.Load</c> cannot see them and is refused with a message).
/// </summary>
[CustomMappingFactoryAttribute(StyleImageModel.ContractName)]
public sealed class StyleImageMappingFactory : CustomMappingFactory<StyleImageRow, StyleImageResult>
{
    /// <summary>The mapping <see cref="StyleImageModel.Load"/> is re-creating; without it, an error that says how to load the zip.</summary>
    public override Action<StyleImageRow, StyleImageResult> GetMapping() =>
        (StyleImageModel.Loading ?? throw new InvalidOperationException(
            "This model holds an MlNetFaces image style transform: load it with StyleImageModel.Load(mlContext, path, out schema), "
            + "which reads the style images and options stored in the zip.")).Map;
}

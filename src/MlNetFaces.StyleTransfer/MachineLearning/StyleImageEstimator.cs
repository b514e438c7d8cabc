using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetFaces.MachineLearning;

/// <summary>The estimator of <see cref="StyleImageModel.StylizeImages"/>: checks its text columns, then a custom mapping.</summary>
public sealed class StyleImageEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly StyleImageTransformOptions options;

    internal StyleImageEstimator(TransformsCatalog transforms, StyleImageTransformOptions options, StyleImageMapping mapping)
    {
        this.transforms = transforms;
        this.options = options;
        Mapping = mapping;
    }

    /// <summary>The per-row mapping (style images decoded, options validated).</summary>
    public StyleImageMapping Mapping { get; }

    /// <summary>Checks that the content column holds text and returns the (stateless) transformer.</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, options.ContentColumnName, "content image paths");
        return Chain().Fit(input);
    }

    /// <summary>The input schema plus the output (PNG bytes), style-drop and content-loss columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, options.ContentColumnName, "content image paths");
        return Chain().GetOutputSchema(inputSchema);
    }

    private EstimatorChain<ColumnSelectingTransformer> Chain() =>
        transforms.CopyColumns(nameof(StyleImageRow.MlNetFacesContentPath), options.ContentColumnName)
            .Append(transforms.CustomMapping<StyleImageRow, StyleImageResult>(Mapping.Map, StyleImageModel.ContractName))
            .Append(transforms.CopyColumns(options.OutputColumnName, nameof(StyleImageResult.MlNetFacesOutput)))
            .Append(transforms.CopyColumns(options.StyleDropColumnName, nameof(StyleImageResult.MlNetFacesStyleDrop)))
            .Append(transforms.CopyColumns(options.ContentLossColumnName, nameof(StyleImageResult.MlNetFacesContentLoss)))
            .Append(transforms.DropColumns(
                nameof(StyleImageRow.MlNetFacesContentPath), nameof(StyleImageResult.MlNetFacesOutput),
                nameof(StyleImageResult.MlNetFacesStyleDrop), nameof(StyleImageResult.MlNetFacesContentLoss)));
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Per-row style transfer of files (audio or volumes): two path columns in (content, style), three columns out: the
/// stylised file's bytes (a byte vector), the style drop and the content correlation (floats). The transform writes no
/// file: <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleFileTransformOptions?)"/> writes the results where an output-path column says, as an explicit
/// step. Saves into a model zip as a custom mapping (call <see cref="StyleTransferCatalog.Register"/> before loading); it
/// runs with the library's default transfer options.
/// </summary>
public sealed class StyleFileEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly StyleFileTransformOptions options;
    private readonly Action<StyleFileRow, StyleFileResult> map;
    private readonly string contract;

    internal StyleFileEstimator(TransformsCatalog transforms, StyleFileTransformOptions options, Action<StyleFileRow, StyleFileResult> map, string contract)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.map = map;
        this.contract = contract;
    }

    /// <summary>Checks that the content and style columns hold text and returns the (stateless) transformer.</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var column in PathColumns)
        {
            SchemaChecks.RequireScalarText(input.Schema, column, "file paths");
        }

        return Chain().Fit(input);
    }

    /// <summary>The input schema plus the output, style-drop and content-correlation columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var column in PathColumns)
        {
            SchemaChecks.RequireScalarText(inputSchema, column, "file paths");
        }

        return Chain().GetOutputSchema(inputSchema);
    }

    private string[] PathColumns => [options.ContentColumnName, options.StyleColumnName];

    private EstimatorChain<Microsoft.ML.Transforms.ColumnSelectingTransformer> Chain() =>
        transforms.CopyColumns(nameof(StyleFileRow.MlNetFacesContentPath), options.ContentColumnName)
            .Append(transforms.CopyColumns(nameof(StyleFileRow.MlNetFacesStylePath), options.StyleColumnName))
            .Append(transforms.CustomMapping(map, contract))
            .Append(transforms.CopyColumns(options.OutputColumnName, nameof(StyleFileResult.MlNetFacesOutput)))
            .Append(transforms.CopyColumns(options.StyleDropColumnName, nameof(StyleFileResult.MlNetFacesStyleDrop)))
            .Append(transforms.CopyColumns(options.ContentCorrelationColumnName, nameof(StyleFileResult.MlNetFacesContentCorrelation)))
            .Append(transforms.DropColumns(
                nameof(StyleFileRow.MlNetFacesContentPath), nameof(StyleFileRow.MlNetFacesStylePath), nameof(StyleFileResult.MlNetFacesOutput),
                nameof(StyleFileResult.MlNetFacesStyleDrop), nameof(StyleFileResult.MlNetFacesContentCorrelation)));
}

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Column names of <see cref="StyleFileEstimator"/> and <see cref="StyleFileWriter"/> (the transfer's own settings are
/// the library defaults).
/// </summary>
public sealed class StyleFileTransformOptions
{
    /// <summary>Column of content file paths (text).</summary>
    public string ContentColumnName { get; set; } = "ContentPath";

    /// <summary>Column of style file paths (text).</summary>
    public string StyleColumnName { get; set; } = "StylePath";

    /// <summary>
    /// Column of output file paths (text), read only by <see cref="StyleFileWriter.SaveOutputs(Microsoft.ML.IDataView, StyleFileTransformOptions?)"/>: each row's result is
    /// written there. The transform itself neither needs nor writes it.
    /// </summary>
    public string OutputPathColumnName { get; set; } = "OutputPath";

    /// <summary>
    /// Output column (a vector of bytes): the stylised file, encoded in memory (a WAV file for audio, an uncompressed
    /// NIfTI-1 file for volumes).
    /// </summary>
    public string OutputColumnName { get; set; } = "Output";

    /// <summary>Output float column: the style-distance drop of the result as stored (first / last).</summary>
    public string StyleDropColumnName { get; set; } = "StyleDrop";

    /// <summary>Output float column: how well the result keeps the content (a correlation, 1 = identical).</summary>
    public string ContentCorrelationColumnName { get; set; } = "ContentCorrelation";
}

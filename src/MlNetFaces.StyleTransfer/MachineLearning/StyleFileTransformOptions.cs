namespace MlNetFaces.MachineLearning;

/// <summary>Column names of <see cref="StyleFileEstimator"/> (the transfer's own settings are the library defaults).</summary>
public sealed class StyleFileTransformOptions
{
    /// <summary>Column of content file paths (text).</summary>
    public string ContentColumnName { get; set; } = "ContentPath";

    /// <summary>Column of style file paths (text).</summary>
    public string StyleColumnName { get; set; } = "StylePath";

    /// <summary>Column of output file paths (text): each row's result is written there.</summary>
    public string OutputPathColumnName { get; set; } = "OutputPath";

    /// <summary>Output float column: the style-distance drop of the written file (first / last).</summary>
    public string StyleDropColumnName { get; set; } = "StyleDrop";

    /// <summary>Output float column: how well the result keeps the content (a correlation, 1 = identical).</summary>
    public string ContentCorrelationColumnName { get; set; } = "ContentCorrelation";
}

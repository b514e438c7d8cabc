using MlNetFaces.StyleTransfer;

namespace MlNetFaces.MachineLearning;

/// <summary>What <see cref="StyleImageModel.StylizeImages"/> reads, produces and runs: columns, style images and transfer options.</summary>
public sealed class StyleImageTransformOptions
{
    /// <summary>Column of content image paths (text).</summary>
    public string ContentColumnName { get; set; } = "ContentPath";

    /// <summary>
    /// Column of output paths (text, .png or .jpg), passed through by the transform and read by
    /// <see cref="StyleFileWriter.SaveOutputs(Microsoft.ML.IDataView, StyleImageTransformOptions?)"/>, which writes each row's image there.
    /// </summary>
    public string OutputPathColumnName { get; set; } = "OutputPath";

    /// <summary>Output column: the stylised image as PNG file bytes (a vector of bytes); the transform writes no file.</summary>
    public string OutputColumnName { get; set; } = "Output";

    /// <summary>Output float column: first / last style cost of the optimisation.</summary>
    public string StyleDropColumnName { get; set; } = "StyleDrop";

    /// <summary>Output float column: the content cost J_content at the last step.</summary>
    public string ContentLossColumnName { get; set; } = "ContentLoss";

    /// <summary>The style image files (one or several; blend weights in <see cref="Transfer"/>). Stored inside saved models.</summary>
    public IReadOnlyList<string> StylePaths { get; set; } = [];

    /// <summary>Size, steps, α, β, layers, optimiser… (progress and snapshot callbacks are not saved with a model).</summary>
    public StyleTransferOptions Transfer { get; set; } = new();
}

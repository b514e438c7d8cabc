namespace MlNetFaces.MachineLearning;

/// <summary>The input of the image style-transfer mapping: the content image path.</summary>
public sealed class StyleImageRow
{
    /// <summary>The content image file.</summary>
    public string MlNetFacesContentPath { get; set; } = string.Empty;
}

/// <summary>What the image style-transfer mapping produces per row: the stylised image and its measures.</summary>
public sealed class StyleImageResult
{
    /// <summary>The stylised image as PNG file bytes (write them with <see cref="StyleFileWriter.SaveOutputs(Microsoft.ML.IDataView, StyleImageTransformOptions?)"/>).</summary>
    public byte[] MlNetFacesOutput { get; set; } = [];

    /// <summary>The style-loss drop of the optimisation (first / last).</summary>
    public float MlNetFacesStyleDrop { get; set; }

    /// <summary>The content loss at the last step.</summary>
    public float MlNetFacesContentLoss { get; set; }
}

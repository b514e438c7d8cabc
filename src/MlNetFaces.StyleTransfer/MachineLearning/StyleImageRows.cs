namespace MlNetFaces.MachineLearning;

/// <summary>The input of the image style-transfer mapping: content and output paths.</summary>
public sealed class StyleImageRow
{
    /// <summary>The content image file.</summary>
    public string MlNetFacesContentPath { get; set; } = string.Empty;

    /// <summary>Where the stylised image is written (PNG or JPEG by extension).</summary>
    public string MlNetFacesOutputPath { get; set; } = string.Empty;
}

/// <summary>What the image style-transfer mapping reports per row after writing the result.</summary>
public sealed class StyleImageResult
{
    /// <summary>The style-loss drop of the optimisation (first / last).</summary>
    public float MlNetFacesStyleDrop { get; set; }

    /// <summary>The content loss at the last step.</summary>
    public float MlNetFacesContentLoss { get; set; }
}

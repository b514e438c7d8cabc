namespace MlNetFaces.MachineLearning;

/// <summary>The input of the image style-transfer mapping: content and output paths.</summary>
public sealed class StyleImageRow
{
    public string MlNetFacesContentPath { get; set; } = string.Empty;

    public string MlNetFacesOutputPath { get; set; } = string.Empty;
}

/// <summary>What the image style-transfer mapping reports per row after writing the result.</summary>
public sealed class StyleImageResult
{
    public float MlNetFacesStyleDrop { get; set; }

    public float MlNetFacesContentLoss { get; set; }
}

namespace MlNetFaces.MachineLearning;

/// <summary>The input of the audio and volume style-transfer mappings: content, style and output file paths.</summary>
public sealed class StyleFileRow
{
    public string MlNetFacesContentPath { get; set; } = string.Empty;

    public string MlNetFacesStylePath { get; set; } = string.Empty;

    public string MlNetFacesOutputPath { get; set; } = string.Empty;
}

/// <summary>
/// What a style-transfer mapping reports per row, after writing the output file: the style-distance drop measured on the
/// written file and how well it keeps the content (envelope correlation for audio, voxel correlation for volumes).
/// </summary>
public sealed class StyleFileResult
{
    public float MlNetFacesStyleDrop { get; set; }

    public float MlNetFacesContentCorrelation { get; set; }
}

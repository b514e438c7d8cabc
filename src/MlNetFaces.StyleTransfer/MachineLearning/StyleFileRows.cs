namespace MlNetFaces.MachineLearning;

/// <summary>The input of the audio and volume style-transfer mappings: the content and style file paths.</summary>
public sealed class StyleFileRow
{
    /// <summary>The content file (a WAV for audio, a NIfTI-1 <c>.nii</c>/<c>.nii.gz</c> for volumes).</summary>
    public string MlNetFacesContentPath { get; set; } = string.Empty;

    /// <summary>The style file, of the same kind as the content.</summary>
    public string MlNetFacesStylePath { get; set; } = string.Empty;
}

/// <summary>
/// What a style-transfer mapping gives per row, in memory: the stylised file's bytes (nothing is written; see
/// <see cref="StyleFileWriter"/>), the style-distance drop measured on those bytes as stored, and how well they keep the
/// content (envelope correlation for audio, voxel correlation for volumes).
/// </summary>
public sealed class StyleFileResult
{
    /// <summary>The encoded result: a 16-bit mono WAV file, or an uncompressed NIfTI-1 <c>.nii</c> file with the content's header.</summary>
#pragma warning disable CA1819 // an ML.NET vector column is an array property
    public byte[] MlNetFacesOutput { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>The style-distance drop (first / last) of the result as stored.</summary>
    public float MlNetFacesStyleDrop { get; set; }

    /// <summary>How well the result keeps the content (a correlation, 1 = identical).</summary>
    public float MlNetFacesContentCorrelation { get; set; }
}

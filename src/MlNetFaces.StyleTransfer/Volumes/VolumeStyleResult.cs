using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Volumes;

/// <summary>The stylised volume (with the content's header), the optimisation figures and the mid-slice picture.</summary>
public sealed class VolumeStyleResult
{
    /// <summary>The stylised volume with the content's header, ready for <see cref="NiftiWriter"/>.</summary>
    public required NiftiImage Volume { get; init; }

    /// <summary>The optimisation of the normalised volume (its output tensor is already disposed).</summary>
    public required StyleRun Optimization { get; init; }

    /// <summary>
    /// J_style of the content over that of the written result (re-read from its stored values, so after rounding and
    /// clamping to the content's datatype and range).
    /// </summary>
    public required double StoredStyleDrop { get; init; }

    /// <summary>Pearson correlation of result and content voxels (how much of the anatomy is kept).</summary>
    public required double ContentCorrelation { get; init; }

    /// <summary>Rows content, style, result; columns axial, coronal, sagittal mid-slices.</summary>
    public required RgbImage Slices { get; init; }
}

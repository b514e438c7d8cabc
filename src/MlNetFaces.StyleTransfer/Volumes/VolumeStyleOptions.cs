using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Volumes;

/// <summary>Options of <see cref="VolumeStyleTransfer"/>: the shared optimisation options plus the 3-D net and a size limit.</summary>
public sealed record VolumeStyleOptions : StyleOptimizationOptions
{
    /// <summary>The default style weight β of volume runs: 10⁷.</summary>
    public const double DefaultVolumeBeta = 1e7;

    /// <summary>The default limit on voxels per volume: 128×128×256 (about 2.5 GB peak with the default net, measured).</summary>
    public const long DefaultMaxVoxels = 128L * 128 * 256;

    /// <summary>The volume defaults: 100 steps and β = <see cref="DefaultVolumeBeta"/>; the other optimisation options keep theirs.</summary>
    public VolumeStyleOptions()
    {
        Steps = 100;
        Beta = DefaultVolumeBeta;
    }

    /// <summary>The 3-D feature extractor: random multi-scale filters (default) or the inflated pretrained ResNet18.</summary>
    public VolumeNet Net { get; init; } = VolumeNet.Random;

    /// <summary>Scales of the random 3-D net (each halves the resolution).</summary>
    public int Scales { get; init; } = 3;

    /// <summary>Filters at the first scale (doubling at each next one).</summary>
    public int BaseFilters { get; init; } = 8;

    /// <summary>Volumes with more voxels are refused with a message (memory grows linearly with voxels).</summary>
    public long MaxVoxels { get; init; } = DefaultMaxVoxels;

    /// <summary>Checks every option, the shared optimisation ones first.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names the first bad one.</exception>
    public void Validate()
    {
        ValidateOptimization();
        Positive(Scales, "scales");
        Positive(BaseFilters, "base filters");
        if (MaxVoxels < 1)
        {
            throw new ArgumentException("The voxel limit must be positive.");
        }
    }
}

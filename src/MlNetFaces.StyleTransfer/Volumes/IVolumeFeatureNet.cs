using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Volumes;

/// <summary>A 3-D feature extractor for volumes [1, 1, D, H, W].</summary>
public interface IVolumeFeatureNet : ISignalFeatureNet
{
    /// <summary>The smallest volume side the net accepts.</summary>
    int MinimumSide { get; }
}

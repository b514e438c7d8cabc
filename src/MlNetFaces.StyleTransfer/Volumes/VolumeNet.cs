namespace MlNetFaces.Volumes;

/// <summary>Which 3-D feature extractor volume style transfer uses.</summary>
public enum VolumeNet
{
    /// <summary>Random-weight multi-scale 3×3×3 convolutions (<see cref="VolumeFeatureNet"/>): the default.</summary>
    Random,

    /// <summary>The pretrained ResNet18's stem and first block inflated to 3-D (<see cref="InflatedResNetVolumeNet"/>).</summary>
    InflatedResNet18,
}

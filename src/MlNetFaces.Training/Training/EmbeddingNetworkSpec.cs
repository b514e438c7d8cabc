namespace MlNetFaces.Training;

/// <summary>Where a trained net starts from.</summary>
public enum NetworkSource
{
    /// <summary><see cref="CompactFaceCnn"/>, randomly initialised.</summary>
    Scratch,

    /// <summary><see cref="PretrainedEmbeddingNet"/>: the pretrained dlib ResNet trunk with a new projection head.</summary>
    Pretrained,
}

/// <summary>Everything that rebuilds an <see cref="EmbeddingNetwork"/> before its weights are loaded.</summary>
/// <param name="Source">Scratch (compact CNN) or pretrained trunk + head.</param>
/// <param name="EmbeddingDimension">D, the output length.</param>
/// <param name="ImageSize">The compact CNN's working resolution (the 150-px input is resized to it); ignored by the pretrained net.</param>
/// <param name="Width">Channels of the compact CNN's first stage (doubled per stage).</param>
/// <param name="Normalize">L2-normalise the output.</param>
public sealed record EmbeddingNetworkSpec(NetworkSource Source, int EmbeddingDimension = 128, int ImageSize = 96, int Width = 32, bool Normalize = true);

namespace MlNetFaces.StyleTransfer;

/// <summary>The image the optimisation starts from.</summary>
public enum StyleInit
{
    /// <summary>The content image (converges fastest, keeps the most structure).</summary>
    Content,

    /// <summary>Uniform noise 0..255 (seeded).</summary>
    Noise,

    /// <summary>The (first) style image, resized to the content's size.</summary>
    Style,
}

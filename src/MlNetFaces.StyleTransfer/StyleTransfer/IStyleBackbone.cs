using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// A frozen ConvNet whose intermediate activations ("taps", named by layer) feed the style and content costs.
/// Inputs are RGB images [N,3,H,W] with values 0..255; each backbone applies its own preprocessing.
/// </summary>
public interface IStyleBackbone : IDisposable
{
    /// <summary>A short name for messages ("resnet18", "vgg19").</summary>
    string Name { get; }

    /// <summary>Every tap name, shallow to deep.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The content layers used when the options name none.</summary>
    IReadOnlyList<LayerWeight> DefaultContentLayers { get; }

    /// <summary>The style layers (with their λ) used when the options name none.</summary>
    IReadOnlyList<LayerWeight> DefaultStyleLayers { get; }

    /// <summary>Whether SWAG activation smoothing is on when the options do not say.</summary>
    bool SmoothsByDefault { get; }

    /// <summary>The layers SWAG smoothing applies to when it is on and the options name none.</summary>
    IReadOnlyList<string> DefaultSmoothedLayers { get; }

    /// <summary>The device the weights live on.</summary>
    Device Device { get; }

    /// <summary>
    /// Runs the net on <paramref name="rgb"/> (RGB 0..255, [N,3,H,W]) only as deep as needed and returns the activations of
    /// <paramref name="layers"/>, keyed by the names given. The caller owns (disposes) the returned tensors.
    /// </summary>
    Dictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers);
}

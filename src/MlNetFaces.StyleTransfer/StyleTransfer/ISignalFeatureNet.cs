using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// A frozen feature extractor for <see cref="SignalStyleTransfer"/>: signals [1, C, spatial...] of any dimensionality
/// (a spectrogram [1, bins, frames], a volume [1, 1, D, H, W]) in, taps [1, n_C, spatial...] out, shallow to deep.
/// </summary>
public interface ISignalFeatureNet : IDisposable
{
    /// <summary>The weight of each tap in J_content (0: not a content layer); as many as <see cref="Extract"/> returns.</summary>
    IReadOnlyList<double> ContentWeights { get; }

    /// <summary>λ of each tap in J_style (0: not a style layer).</summary>
    IReadOnlyList<double> StyleWeights { get; }

    /// <summary>Standardise each channel (zero mean, unit variance over positions) before the Gram (Friedrich &amp; Menzel 2019).</summary>
    bool StandardizeGram { get; }

    /// <summary>The activations of every tap; the caller owns them.</summary>
    IReadOnlyList<Tensor> Extract(Tensor signal);
}

using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Audio;

/// <summary>The stylised audio, its pictures and the figures that say how well it worked.</summary>
public sealed class AudioStyleResult
{
    /// <summary>Mono audio at the options' sample rate, loudness-normalised.</summary>
    public required WavAudio Audio { get; init; }

    /// <summary>The optimisation of the spectrogram (its output tensor is already disposed).</summary>
    public required StyleRun Optimization { get; init; }

    /// <summary>
    /// The style distance (J_style) of the content's spectrogram over that of the result re-analysed from the final
    /// waveform (after Griffin-Lim and loudness): the Gram-distance drop as heard, not just as optimised.
    /// </summary>
    public required double AudioStyleDrop { get; init; }

    /// <summary>Pearson correlation over time of the frame energy envelope (mean log-magnitude per frame) of result and content.</summary>
    public required double EnvelopeCorrelation { get; init; }

    /// <summary>Griffin-Lim's spectral convergence on the optimised magnitude (0: phase fully consistent).</summary>
    public required double SpectralConvergence { get; init; }

    /// <summary>The output's sample peak in dBFS (at most <see cref="AudioStyleOptions.CeilingDbfs"/>).</summary>
    public required double PeakDbfs { get; init; }

    /// <summary>The content's log-magnitude spectrogram as a picture (time left to right, low frequencies at the bottom).</summary>
    public required RgbImage ContentSpectrogram { get; init; }

    /// <summary>The style's log-magnitude spectrogram as a picture.</summary>
    public required RgbImage StyleSpectrogram { get; init; }

    /// <summary>The spectrogram of the final waveform (re-analysed after Griffin-Lim and loudness) as a picture.</summary>
    public required RgbImage ResultSpectrogram { get; init; }
}

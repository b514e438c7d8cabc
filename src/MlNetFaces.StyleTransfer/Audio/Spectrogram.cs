using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Audio;

/// <summary>
/// STFT and inverse STFT with TorchSharp (<c>torch.stft</c>/<c>torch.istft</c>, periodic Hann window, centred frames),
/// and the log-magnitude spectrogram <c>log(1 + |STFT|)</c> laid out as [bins, frames]: frequency bins are the
/// channels and time is the one spatial axis of the 1-D style transfer.
/// </summary>
public sealed record Spectrogram(int FftSize = 1024, int Hop = 256)
{
    /// <summary>Frequency bins: FftSize/2 + 1.</summary>
    public int Bins => (FftSize / 2) + 1;

    /// <summary>The complex STFT [bins, frames] of a waveform [samples].</summary>
    public Tensor Stft(Tensor wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        Check(wave.shape[^1]);
        using var window = hann_window(FftSize, dtype: wave.dtype, device: wave.device);
        return stft(wave, FftSize, Hop, FftSize, window, center: true, pad_mode: TorchSharp.PaddingModes.Reflect, onesided: true, return_complex: true);
    }

    /// <summary>The waveform [length] whose STFT is <paramref name="spectrum"/> (least squares, exact for an unmodified STFT).</summary>
    public Tensor Istft(Tensor spectrum, long length)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        using var window = hann_window(FftSize, dtype: spectrum.real.dtype, device: spectrum.device);
        return istft(spectrum, FftSize, Hop, FftSize, window, center: true, onesided: true, length: length);
    }

    /// <summary><c>log(1 + |STFT(wave)|)</c> [bins, frames].</summary>
    public Tensor LogMagnitude(Tensor wave)
    {
        using var spectrum = Stft(wave);
        using var magnitude = spectrum.abs();
        using var log = magnitude.log1p();
        return log.contiguous();
    }

    /// <summary>The magnitude of a log-magnitude spectrogram (negative values, which no magnitude has, become 0).</summary>
    public static Tensor Magnitude(Tensor logMagnitude)
    {
        ArgumentNullException.ThrowIfNull(logMagnitude);
        using var zero = 0.0.ToScalar(); // explicit and alive: a temporary Scalar can be finalized while libtorch reads it
        using var clamped = logMagnitude.clamp_min(zero);
        return clamped.expm1();
    }

    /// <summary>The frame count of <paramref name="samples"/> samples (centred frames).</summary>
    public long Frames(long samples) => (samples / Hop) + 1;

    private void Check(long samples)
    {
        if (FftSize < 16 || Hop < 1 || Hop > FftSize)
        {
            throw new ArgumentException($"FFT size {FftSize} and hop {Hop}: need FFT size ≥ 16 and 1 ≤ hop ≤ FFT size.");
        }

        if (samples <= FftSize / 2)
        {
            throw new ArgumentException($"{samples} samples is too short for a {FftSize}-point STFT (need more than {FftSize / 2}).");
        }
    }
}

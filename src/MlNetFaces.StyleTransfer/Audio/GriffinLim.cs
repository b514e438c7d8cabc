using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Audio;

/// <summary>
/// Phase recovery for a magnitude spectrogram: fast Griffin-Lim (Perraudin, Balazs, Søndergaard 2013), alternating
/// projections between consistent STFTs and the given magnitude, with momentum.
/// </summary>
internal static class GriffinLim
{
    /// <summary>A waveform [length] whose STFT magnitude approximates <paramref name="magnitude"/> [bins, frames].</summary>
    public static Tensor Reconstruct(Tensor magnitude, Spectrogram stft, long length, int iterations = 100, double momentum = 0.99, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(magnitude);
        ArgumentNullException.ThrowIfNull(stft);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), "The momentum must be in [0, 1).");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed, magnitude.device);

        // Explicit Scalars, alive until the end: an implicit double → Scalar is a temporary that a collection on
        // another thread can finalize while libtorch still reads it (see FinalizerFreeRegion, which a collection forced
        // elsewhere ends early). With a thread forcing collections, this loop threw in `+ 1e-16` in 1 of 2 runs of 60
        // transfers.
        using var fullTurn = (2 * Math.PI).ToScalar();
        using var damping = (momentum / (1 + momentum)).ToScalar();
        using var epsilon = 1e-16.ToScalar();
        var phase = rand(magnitude.shape, generator: generator, device: magnitude.device).mul_(fullTurn);
        var angles = polar(ones_like(magnitude), phase);
        var previous = zeros_like(angles);
        var wave = stft.Istft(magnitude * angles, length);
        for (var i = 0; i < iterations; i++)
        {
            using var quiet = FinalizerFreeRegion.Enter();
            var rebuilt = stft.Stft(wave);
            var accelerated = rebuilt - (previous * damping);
            angles = accelerated / (accelerated.abs() + epsilon);
            previous = rebuilt;
            wave = stft.Istft(magnitude * angles, length);
        }

        return wave.MoveToOuterDisposeScope();
    }

    /// <summary>Spectral convergence ‖|STFT(wave)| − magnitude‖_F / ‖magnitude‖_F (0: a perfect match).</summary>
    public static double SpectralConvergence(Tensor magnitude, Tensor wave, Spectrogram stft)
    {
        ArgumentNullException.ThrowIfNull(magnitude);
        ArgumentNullException.ThrowIfNull(stft);
        using var scope = NewDisposeScope();
        var rebuilt = stft.Stft(wave).abs();
        return (rebuilt - magnitude).norm().item<float>() / magnitude.norm().item<float>();
    }
}

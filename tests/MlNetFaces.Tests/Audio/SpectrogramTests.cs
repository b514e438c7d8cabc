using System.Diagnostics;
using MlNetFaces.Audio;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Tests.Audio;

/// <summary>STFT/ISTFT, log-magnitude and Griffin-Lim on synthetic signals (no shared data).</summary>
public sealed class SpectrogramTests
{
    public SpectrogramTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void IstftOfAnUnmodifiedStftReconstructsTheSignal()
    {
        using var scope = NewDisposeScope();
        var stft = new Spectrogram(FftSize: 512, Hop: 128);
        var wave = tensor(SyntheticAudio.Noise(8000, seed: 3).Zip(SyntheticAudio.Tone(440, 16000, 8000), (a, b) => a + b).ToArray());
        var spectrum = stft.Stft(wave);
        Assert.Equal(new long[] { 257, stft.Frames(8000) }, spectrum.shape);
        var back = stft.Istft(spectrum, 8000);
        var maxError = (back - wave).abs().max().item<float>();
        Assert.True(maxError < 1e-4, $"max |istft(stft(x)) - x| = {maxError}");
    }

    [Fact]
    public void LogMagnitudeHasBinsAsChannelsAndPeaksAtTheToneFrequency()
    {
        using var scope = NewDisposeScope();
        var stft = new Spectrogram(FftSize: 1024, Hop: 256);
        var log = stft.LogMagnitude(tensor(SyntheticAudio.Tone(1000, 16000, 16000)));
        Assert.Equal(513, log.shape[0]);
        var peakBin = log.mean([1]).argmax().item<long>();
        Assert.Equal(64, peakBin); // 1000 Hz / (16000 Hz / 1024)
        var magnitude = Spectrogram.Magnitude(log);
        Assert.True((magnitude - stft.Stft(tensor(SyntheticAudio.Tone(1000, 16000, 16000))).abs()).abs().max().item<float>() < 1e-2);
    }

    [Fact]
    public void GriffinLimConvergesOnAPureTone()
    {
        using var scope = NewDisposeScope();
        var stft = new Spectrogram(FftSize: 512, Hop: 128);
        var tone = tensor(SyntheticAudio.Tone(500, 16000, 16000));
        var magnitude = stft.Stft(tone).abs();
        var clock = Stopwatch.StartNew();
        var early = GriffinLim.SpectralConvergence(magnitude, GriffinLim.Reconstruct(magnitude, stft, 16000, iterations: 2), stft);
        var wave = GriffinLim.Reconstruct(magnitude, stft, 16000, iterations: 60);
        var late = GriffinLim.SpectralConvergence(magnitude, wave, stft);
        Assert.True(late < 0.1 && late < early / 3, $"spectral convergence {early:0.000} after 2 iterations, {late:0.000} after 60 ({clock.ElapsedMilliseconds} ms)");

        // Same frequency, same level: the dominant bin and the RMS come back.
        var rebuilt = stft.Stft(wave).abs();
        Assert.Equal(magnitude.mean([1]).argmax().item<long>(), rebuilt.mean([1]).argmax().item<long>());
        Assert.Equal(0.5 / Math.Sqrt(2), wave.square().mean().sqrt().item<float>(), 2);
    }

    [Fact]
    public void TooShortAudioGetsAClearError()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => new Spectrogram(1024, 256).Stft(zeros(100)));
        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }
}

using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Audio;

/// <summary>
/// Audio style transfer after Ulyanov &amp; Lebedev (2016): both clips are mixed to mono, resampled and cut to the same
/// length budget; their log-magnitude spectrograms [bins, frames] go through a random wide 1-D convolution
/// (<see cref="AudioFeatureNet"/>); <see cref="SignalStyleTransfer"/> optimises the content's spectrogram with the shared
/// Gatys costs and optimiser; Griffin-Lim recovers a phase; the result is normalised to the style's RMS (level is part of a
/// texture: matching the content's undoes much of the transfer) under a −0.1 dBFS peak ceiling.
/// </summary>
public static class AudioStyleTransfer
{
    /// <summary>Transfers the style (texture) of <paramref name="style"/> onto <paramref name="content"/>.</summary>
    /// <param name="content">The clip whose structure is kept.</param>
    /// <param name="style">The clip whose texture is imposed.</param>
    /// <param name="options">Weights, steps and limits; defaults when null.</param>
    /// <returns>The stylised clip with its cost history.</returns>
    public static AudioStyleResult Run(WavAudio content, WavAudio style, AudioStyleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(style);
        options ??= new AudioStyleOptions();
        options.Validate();
        TorchRuntime.EnsureLoaded();
        var stft = new Spectrogram(options.FftSize, options.Hop);
        var contentWave = Prepare(content, options, "content");
        var styleWave = Prepare(style, options, "style");

        using var scope = NewDisposeScope();
        var contentSpec = stft.LogMagnitude(tensor(contentWave)).unsqueeze(0);
        var styleSpec = stft.LogMagnitude(tensor(styleWave)).unsqueeze(0);
        using var net = new AudioFeatureNet(stft.Bins, options.Filters, options.KernelWidths, options.Seed);
        using var run = SignalStyleTransfer.Run(net, contentSpec, styleSpec, options);
        var magnitude = Spectrogram.Magnitude(run.Output.squeeze(0));
        var wave = GriffinLim.Reconstruct(magnitude, stft, contentWave.Length, options.GriffinLimIterations, seed: options.Seed);
        var convergence = GriffinLim.SpectralConvergence(magnitude, wave, stft);
        var samples = Loudness.Normalize(wave.data<float>().ToArray(), Loudness.Rms(styleWave), options.CeilingDbfs);
        var resultSpec = stft.LogMagnitude(tensor(samples)).unsqueeze(0);
        var before = SignalStyleTransfer.StyleDistance(net, contentSpec, styleSpec);
        var after = SignalStyleTransfer.StyleDistance(net, resultSpec, styleSpec);
        return new AudioStyleResult
        {
            Audio = new WavAudio(options.SampleRate, [samples]),
            Optimization = run,
            AudioStyleDrop = after > 0 ? before / after : double.PositiveInfinity,
            EnvelopeCorrelation = EnvelopeCorrelation(contentSpec, resultSpec),
            SpectralConvergence = convergence,
            PeakDbfs = Loudness.Dbfs(Loudness.Peak(samples)),
            ContentSpectrogram = Picture(contentSpec),
            StyleSpectrogram = Picture(styleSpec),
            ResultSpectrogram = Picture(resultSpec),
        };
    }

    /// <summary>Pearson correlation over frames of the mean log-magnitude per frame of two spectrograms [1, bins, frames].</summary>
    public static double EnvelopeCorrelation(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = NewDisposeScope();
        var frames = Math.Min(a.shape[^1], b.shape[^1]);
        return SignalCorrelation.Pearson(a.narrow(-1, 0, frames).mean([-2]), b.narrow(-1, 0, frames).mean([-2]));
    }

    /// <summary>A log-magnitude spectrogram [1, bins, frames] as a picture: time left to right, low frequencies at the bottom.</summary>
    public static RgbImage Picture(Tensor logMagnitude)
    {
        ArgumentNullException.ThrowIfNull(logMagnitude);
        using var scope = NewDisposeScope();
        var spec = logMagnitude.reshape(logMagnitude.shape[^2], logMagnitude.shape[^1]).flip(0).contiguous().cpu();
        var values = spec.data<float>().ToArray();
        return ScalarImage.FromValues(values, (int)spec.shape[1], (int)spec.shape[0], 0, spec.max().item<float>(), colour: true);
    }

    private static float[] Prepare(WavAudio audio, AudioStyleOptions options, string what)
    {
        var wave = audio.ToMono().Take(options.Seconds).Resample(options.SampleRate).Channels[0];
        if (wave.Length <= options.FftSize)
        {
            throw new ArgumentException($"The {what} audio is too short: {audio.Seconds:0.###} s; need more than {options.FftSize} samples at {options.SampleRate} Hz.");
        }

        return wave;
    }
}

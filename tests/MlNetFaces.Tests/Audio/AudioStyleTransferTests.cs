using MlNetFaces.Audio;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;

namespace MlNetFaces.Tests.Audio;

/// <summary>The whole audio pipeline on short synthetic clips (no shared data), and on the shared speech and music when present.</summary>
public sealed class AudioStyleTransferTests
{
    private static readonly AudioStyleOptions Small = new()
    {
        SampleRate = 8000,
        FftSize = 256,
        Hop = 64,
        Filters = 64,
        Steps = 25,
        GriffinLimIterations = 30,
        // Adam: the synthetic noise style is far louder than real music (J_style ≈ 0.8 rather than 1e-3), and L-BFGS
        // without a line search (libtorch's) overshoots on its second step at that scale.
        Optimizer = StyleOptimizer.Adam,
        LearningRate = 0.05,
    };

    public AudioStyleTransferTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void StyleFallsEnvelopeStaysAndTheOutputDoesNotClip()
    {
        var content = SyntheticAudio.Mono(SyntheticAudio.Bursts(440, 8000, 8000, period: 1000), 8000);
        var style = new WavAudio(16000, [SyntheticAudio.Noise(16000, seed: 4, amplitude: 0.9), SyntheticAudio.Noise(16000, seed: 5, amplitude: 0.9)]);
        var result = AudioStyleTransfer.Run(content, style, Small);

        Assert.Equal(8000, result.Audio.SampleRate);
        Assert.Equal(8000, result.Audio.Length);
        Assert.True(result.Optimization.StyleLossDrop > 10, $"style loss fell {result.Optimization.StyleLossDrop:0.0}x: {string.Join("; ", result.Optimization.History.Select(h => $"{h.Content:G3} {h.Style:G3}"))}");
        Assert.True(result.EnvelopeCorrelation > 0.5, $"envelope correlation {result.EnvelopeCorrelation:0.000}");
        Assert.True(result.PeakDbfs <= -0.1 + 1e-6, $"peak {result.PeakDbfs} dBFS");
        Assert.Equal(129, result.ContentSpectrogram.Height); // 256/2 + 1 bins
        var written = WavReader.Read(WavWriter.Encode(result.Audio));
        Assert.Equal(result.Audio.Length, written.Length);
    }

    [Fact]
    public void EmptyOrTooShortAudioIsRefusedClearly()
    {
        var tooShort = SyntheticAudio.Mono(new float[100], 8000);
        var error = Assert.Throws<ArgumentException>(() => AudioStyleTransfer.Run(tooShort, tooShort, Small));
        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AudioStyleTransfer.Run(tooShort, tooShort, Small with { Hop = 0 }));
    }

    [SkippableFact]
    public void SharedSpeechTakesOnTheTablasTexture()
    {
        var speech = WavReader.Read(SharedAudioData.PathOrSkip("speech_librivox_sense_and_sensibility_0920.wav"));
        var tabla = WavReader.Read(SharedAudioData.PathOrSkip("music_tabla_loop.wav"));
        Assert.Equal((16000, 1), (speech.SampleRate, speech.Channels.Count));
        Assert.Equal((44100, 2), (tabla.SampleRate, tabla.Channels.Count));
        var result = AudioStyleTransfer.Run(speech, tabla, Small with { Seconds = 2, Steps = 15 });
        Assert.True(result.Optimization.StyleLossDrop > 3, $"style loss fell {result.Optimization.StyleLossDrop:0.0}x");
        Assert.True(result.EnvelopeCorrelation > 0.5, $"envelope correlation {result.EnvelopeCorrelation:0.000}");
    }
}

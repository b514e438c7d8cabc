using MlNetFaces.Audio;

namespace MlNetFaces.Tests.Audio;

/// <summary>Test signals made in code: tones, chirps, noise bursts.</summary>
internal static class SyntheticAudio
{
    public static float[] Tone(double frequency, int rate, int samples, double amplitude = 0.5) =>
        Enumerable.Range(0, samples).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    /// <summary>A tone whose amplitude is switched on and off every <paramref name="period"/> samples (a clear envelope).</summary>
    public static float[] Bursts(double frequency, int rate, int samples, int period)
    {
        var tone = Tone(frequency, rate, samples);
        for (var i = 0; i < samples; i++)
        {
            tone[i] *= (i / period) % 2 == 0 ? 1f : 0.05f;
        }

        return tone;
    }

    public static float[] Noise(int samples, int seed, double amplitude = 0.3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples).Select(_ => (float)(amplitude * ((random.NextDouble() * 2) - 1))).ToArray();
    }

    public static WavAudio Mono(float[] samples, int rate) => new(rate, [samples]);
}

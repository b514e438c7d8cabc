namespace MlNetFaces.Audio;

/// <summary>Audio samples in −1..1, one array per channel (all the same length), at a sample rate.</summary>
public sealed class WavAudio
{
    /// <summary>Wraps per-channel sample arrays (not copied).</summary>
    /// <param name="sampleRate">Samples per second, per channel.</param>
    /// <param name="channels">At least one channel; all of the same length; samples in −1..1.</param>
    public WavAudio(int sampleRate, IReadOnlyList<float[]> channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("At least one channel is needed.", nameof(channels));
        }

        if (channels.Any(c => c.Length != channels[0].Length))
        {
            throw new ArgumentException("Every channel must have the same number of samples.", nameof(channels));
        }

        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>Samples per second, per channel.</summary>
    public int SampleRate { get; }

    /// <summary>The samples of each channel, −1..1.</summary>
    public IReadOnlyList<float[]> Channels { get; }

    /// <summary>Samples per channel.</summary>
    public int Length => Channels[0].Length;

    /// <summary>Duration in seconds.</summary>
    public double Seconds => (double)Length / SampleRate;

    /// <summary>A mono copy (the mean of the channels); itself when already mono.</summary>
    public WavAudio ToMono()
    {
        if (Channels.Count == 1)
        {
            return this;
        }

        var mono = new float[Length];
        foreach (var channel in Channels)
        {
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i];
            }
        }

        for (var i = 0; i < mono.Length; i++)
        {
            mono[i] /= Channels.Count;
        }

        return new WavAudio(SampleRate, [mono]);
    }

    /// <summary>The first <paramref name="seconds"/> (all of it when shorter).</summary>
    public WavAudio Take(double seconds)
    {
        var n = (int)Math.Min(Length, Math.Round(seconds * SampleRate));
        return n == Length ? this : new WavAudio(SampleRate, Channels.Select(c => c[..n]).ToList());
    }

    /// <summary>This audio at <paramref name="sampleRate"/> (band-limited, see <see cref="Resampler"/>).</summary>
    public WavAudio Resample(int sampleRate) =>
        sampleRate == SampleRate ? this : new WavAudio(sampleRate, Channels.Select(c => Resampler.Resample(c, SampleRate, sampleRate)).ToList());
}

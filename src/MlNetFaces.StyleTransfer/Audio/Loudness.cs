namespace MlNetFaces.Audio;

/// <summary>Level measurements and the output normalisation: match a target RMS, never exceed a peak ceiling.</summary>
internal static class Loudness
{
    /// <summary>The default peak ceiling, −0.1 dBFS.</summary>
    public const double DefaultCeilingDbfs = -0.1;

    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static double Peak(ReadOnlySpan<float> samples)
    {
        double peak = 0;
        foreach (var s in samples)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }

        return peak;
    }

    /// <summary>The level in dB relative to full scale (−∞ for silence).</summary>
    public static double Dbfs(double amplitude) => amplitude > 0 ? 20 * Math.Log10(amplitude) : double.NegativeInfinity;

    /// <summary>
    /// <paramref name="samples"/> scaled to <paramref name="targetRms"/>, then scaled down if needed so that the peak stays at
    /// or below <paramref name="ceilingDbfs"/> (a gain, not a limiter: the waveform keeps its shape). Silence stays silent.
    /// </summary>
    public static float[] Normalize(ReadOnlySpan<float> samples, double targetRms, double ceilingDbfs = DefaultCeilingDbfs)
    {
        var rms = Rms(samples);
        var peak = Peak(samples);
        if (rms == 0 || peak == 0)
        {
            return samples.ToArray();
        }

        var ceiling = Math.Pow(10, ceilingDbfs / 20);
        var gain = Math.Min(targetRms / rms, ceiling / peak);
        var output = new float[samples.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (float)(samples[i] * gain);
        }

        return output;
    }
}

namespace MlNetFaces.Audio;

/// <summary>
/// Band-limited resampling by a Hann-windowed sinc (16 zero crossings each side), low-passed at the lower of the two
/// Nyquist frequencies so that downsampling does not alias.
/// </summary>
internal static class Resampler
{
    private const int ZeroCrossings = 16;

    public static float[] Resample(float[] samples, int fromRate, int toRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate)
        {
            return (float[])samples.Clone();
        }

        var ratio = (double)toRate / fromRate;
        var cutoff = Math.Min(1.0, ratio); // as a fraction of the input Nyquist
        var halfWidth = ZeroCrossings / cutoff; // in input samples
        var length = (int)Math.Round(samples.Length * ratio);
        var output = new float[length];
        Parallel.For(0, length, j =>
        {
            var t = j / ratio; // position in input samples
            var first = Math.Max(0, (int)Math.Ceiling(t - halfWidth));
            var last = Math.Min(samples.Length - 1, (int)Math.Floor(t + halfWidth));
            double sum = 0;
            for (var i = first; i <= last; i++)
            {
                var x = i - t;
                var window = 0.5 + (0.5 * Math.Cos(Math.PI * x / halfWidth));
                sum += samples[i] * cutoff * Sinc(cutoff * x) * window;
            }

            output[j] = (float)sum;
        });
        return output;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
}

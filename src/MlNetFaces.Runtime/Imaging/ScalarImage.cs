namespace MlNetFaces.Imaging;

/// <summary>A 2-D array of numbers as a picture: grey levels (volume slices) or a dark-to-bright colour ramp (spectrograms).</summary>
internal static class ScalarImage
{
    // Stops of an inferno-like ramp: black, purple, red, orange, pale yellow.
    private static readonly (double R, double G, double B)[] Ramp = [(0, 0, 4), (87, 16, 110), (188, 55, 84), (249, 142, 9), (252, 255, 164)];

    /// <summary>
    /// <paramref name="values"/> (row-major, <paramref name="height"/> rows, the first row at the top) mapped linearly from
    /// [<paramref name="min"/>, <paramref name="max"/>] to black..white, or along the colour ramp when <paramref name="colour"/>.
    /// </summary>
    public static RgbImage FromValues(ReadOnlySpan<float> values, int width, int height, float min, float max, bool colour = false)
    {
        if (values.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} values for {width}×{height}, got {values.Length}.", nameof(values));
        }

        var range = max > min ? max - min : 1f;
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < values.Length; i++)
        {
            var t = Math.Clamp((values[i] - min) / range, 0.0, 1.0);
            var (r, g, b) = colour ? Colour(t) : (t * 255, t * 255, t * 255);
            pixels[3 * i] = (byte)Math.Round(r);
            pixels[(3 * i) + 1] = (byte)Math.Round(g);
            pixels[(3 * i) + 2] = (byte)Math.Round(b);
        }

        return new RgbImage(width, height, pixels);
    }

    private static (double R, double G, double B) Colour(double t)
    {
        var x = t * (Ramp.Length - 1);
        var k = Math.Min((int)x, Ramp.Length - 2);
        var f = x - k;
        var (a, b) = (Ramp[k], Ramp[k + 1]);
        return (a.R + (f * (b.R - a.R)), a.G + (f * (b.G - a.G)), a.B + (f * (b.B - a.B)));
    }
}

using MlNetFaces.Imaging;
using MlNetFaces.Inference;

namespace MlNetFaces.Faces;

/// <summary>
/// dlib's face chip (<c>get_face_chip_details</c> + <c>extract_image_chip</c>): the least-squares similarity
/// transform from dlib's mean face (landmarks 27–67 without the lower lip, padded) to the detected landmarks, then
/// bilinear sampling of the image through it. Pixels outside the image are black, as in dlib; faces more than
/// twice the chip size are first halved (dlib's image pyramid) so that sampling does not alias.
/// </summary>
public static class DlibChip
{
    /// <summary>dlib's mean positions of landmarks 17–67 in a unit square.</summary>
    private static readonly double[] MeanX =
    [
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
        0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
        0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
        0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
        0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
        0.553364, 0.490127, 0.42689,
    ];

    private static readonly double[] MeanY =
    [
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
        0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
        0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
        0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
        0.784792, 0.824182, 0.831803, 0.824182,
    ];

    /// <summary>Where chip pixel (u, v) lies in the image: x = A·u − B·v + Tx, y = B·u + A·v + Ty.</summary>
    public readonly record struct Transform(double A, double B, double Tx, double Ty)
    {
        /// <summary>Image pixels per chip pixel.</summary>
        public double Scale => Math.Sqrt((A * A) + (B * B));

        /// <summary>Where chip pixel (<paramref name="u"/>, <paramref name="v"/>) lies in the image.</summary>
        public PointD Apply(double u, double v) => new((A * u) - (B * v) + Tx, (B * u) + (A * v) + Ty);

        /// <summary>The axis-aligned box, in image pixels, around a chip of <paramref name="size"/> pixels.</summary>
        public FaceBox Bounds(int size)
        {
            PointD[] corners = [Apply(0, 0), Apply(size - 1, 0), Apply(0, size - 1), Apply(size - 1, size - 1)];
            double x0 = corners.Min(c => c.X), y0 = corners.Min(c => c.Y);
            return new FaceBox(x0, y0, corners.Max(c => c.X) - x0, corners.Max(c => c.Y) - y0);
        }
    }

    /// <summary>
    /// The chip-to-image transform for 68 landmarks (image pixels), a chip of <paramref name="size"/> pixels and
    /// dlib's padding (0.25 for the recognition net). Chip pixel 0 and size−1 map to the edges of dlib's chip
    /// rectangle, as <c>get_mapping_to_chip</c> does.
    /// </summary>
    public static Transform Fit(IReadOnlyList<PointD> landmarks, int size, double padding)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Count != 68)
        {
            throw new ArgumentException($"Expected 68 landmarks, got {landmarks.Count}.", nameof(landmarks));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var from = new List<PointD>();
        var to = new List<PointD>();
        for (var i = 27; i < 68; i++)
        {
            if (i is (>= 55 and <= 59) or (>= 65 and <= 67))
            {
                continue; // the lower lip moves with the mouth
            }

            from.Add(new PointD(
                (padding + MeanX[i - 17]) / ((2 * padding) + 1) * size,
                (padding + MeanY[i - 17]) / ((2 * padding) + 1) * size));
            to.Add(landmarks[i]);
        }

        var s = Similarity(from, to);

        // dlib spreads the chip's pixels 0..size−1 over a rectangle `size` template units wide.
        var stretch = size / (double)(size - 1);
        var offset = (size / 2.0) - ((size - 1) / 2.0 * stretch);
        var a = s.A * stretch;
        var b = s.B * stretch;
        var origin = s.Apply(offset, offset);
        return new Transform(a, b, origin.X, origin.Y);
    }

    /// <summary>Least-squares similarity (rotation, uniform scale, shift, no reflection) taking from[i] to to[i].</summary>
    public static Transform Similarity(IReadOnlyList<PointD> from, IReadOnlyList<PointD> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != to.Count || from.Count < 2)
        {
            throw new ArgumentException($"Need two equal lists of at least 2 points, got {from.Count} and {to.Count}.", nameof(to));
        }

        double fx = from.Average(p => p.X), fy = from.Average(p => p.Y);
        double tx = to.Average(p => p.X), ty = to.Average(p => p.Y);
        double norm = 0, dot = 0, cross = 0;
        for (var i = 0; i < from.Count; i++)
        {
            double px = from[i].X - fx, py = from[i].Y - fy, qx = to[i].X - tx, qy = to[i].Y - ty;
            norm += (px * px) + (py * py);
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
        }

        if (norm == 0)
        {
            throw new ArgumentException("The source points all coincide.", nameof(from));
        }

        var a = dot / norm;
        var b = cross / norm;
        return new Transform(a, b, tx - ((a * fx) - (b * fy)), ty - ((b * fx) + (a * fy)));
    }

    /// <summary>
    /// Samples the chip from an image: planar RGB floats [3,size,size] with values 0..255. Only the part of the image
    /// under the chip is converted.
    /// </summary>
    public static float[] Extract(RgbImage image, Transform transform, int size)
    {
        var chip = new float[3 * size * size];
        Extract(image, transform, size, chip);
        return chip;
    }

    /// <summary><see cref="Extract(RgbImage, Transform, int)"/> into <paramref name="destination"/> [3,size,size].</summary>
    internal static void Extract(RgbImage image, Transform transform, int size, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var bounds = transform.Bounds(size);

        // dlib's pyramid: halve while the chip would still span more than twice its size in the image.
        var levels = 0;
        for (var scale = transform.Scale; scale > 2; scale /= 2)
        {
            levels++;
        }

        var border = 2L << levels; // every halving needs the pixels beside the chip's edge
        int width = image.Width, height = image.Height;
        var x0 = (int)Math.Clamp((long)Math.Floor(bounds.X) - border, 0, width - 1);
        var y0 = (int)Math.Clamp((long)Math.Floor(bounds.Y) - border, 0, height - 1);
        var x1 = (int)Math.Clamp((long)Math.Ceiling(bounds.Right) + border, x0 + 1, width);
        var y1 = (int)Math.Clamp((long)Math.Ceiling(bounds.Bottom) + border, y0 + 1, height);
        var region = Planes.Of(image, new PixelRegion(x0, y0, x1 - x0, y1 - y0));
        try
        {
            var t = transform with { Tx = transform.Tx - x0, Ty = transform.Ty - y0 };
            for (var level = 0; level < levels && region.Height >= 2 && region.Width >= 2; level++)
            {
                var halved = region.Halved();
                region.Dispose();
                region = halved;

                // Pixel centre i of the halved image lies at 2i + 0.5 of the full one.
                t = new Transform(t.A / 2, t.B / 2, (t.Tx - 0.5) / 2, (t.Ty - 0.5) / 2);
            }

            region.SampleBilinear(t, size, destination);
        }
        finally
        {
            region.Dispose();
        }
    }

    /// <summary>
    /// Planar float pixels [3,Height,Width] of a region, halved and sampled as torch's avg_pool2d and grid_sample do,
    /// in a pooled buffer (a face's region is often large enough for the large object heap).
    /// </summary>
    private sealed class Planes(PooledFloats values, int width, int height) : IDisposable
    {
        public int Width => width;

        public int Height => height;

        public static Planes Of(RgbImage image, PixelRegion region)
        {
            var values = new PooledFloats(3 * region.Width * region.Height);
            NetInput.CopyPlanar(image, region, values.Span);
            return new Planes(values, region.Width, region.Height);
        }

        private float[] Values => values.Array;

        public void Dispose() => values.Dispose();

        /// <summary>2×2 means with stride 2 (a trailing odd row or column is dropped).</summary>
        public Planes Halved()
        {
            int w = Width / 2, h = Height / 2;
            var pooled = new PooledFloats(3 * w * h);
            var values = pooled.Array;
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        var at = (((c * Height) + (2 * y)) * Width) + (2 * x);
                        var sum = Values[at] + Values[at + 1] + Values[at + Width] + Values[at + Width + 1];
                        values[(((c * h) + y) * w) + x] = sum / 4;
                    }
                }
            }

            return new Planes(pooled, w, h);
        }

        /// <summary>
        /// Bilinear sampling of chip pixel (u, v) at <c>t.Apply(u, v)</c>, zero outside: torch's grid_sample with
        /// align_corners, its grid normalised and unnormalised in float32 as before.
        /// </summary>
        public void SampleBilinear(Transform t, int size, Span<float> destination)
        {
            var plane = size * size;
            for (var v = 0; v < size; v++)
            {
                for (var u = 0; u < size; u++)
                {
                    var p = t.Apply(u, v);
                    var gx = Width > 1 ? (float)((2 * p.X / (Width - 1)) - 1) : 0f;
                    var gy = Height > 1 ? (float)((2 * p.Y / (Height - 1)) - 1) : 0f;
                    var ix = (gx + 1) / 2 * (Width - 1);
                    var iy = (gy + 1) / 2 * (Height - 1);
                    var xw = MathF.Floor(ix);
                    var yn = MathF.Floor(iy);
                    float nw = (xw + 1 - ix) * (yn + 1 - iy), ne = (ix - xw) * (yn + 1 - iy);
                    float sw = (xw + 1 - ix) * (iy - yn), se = (ix - xw) * (iy - yn);
                    int xi = (int)xw, yi = (int)yn;
                    for (var c = 0; c < 3; c++)
                    {
                        var value = 0f;
                        value += At(c, xi, yi) * nw;
                        value += At(c, xi + 1, yi) * ne;
                        value += At(c, xi, yi + 1) * sw;
                        value += At(c, xi + 1, yi + 1) * se;
                        destination[(c * plane) + (v * size) + u] = value;
                    }
                }
            }
        }

        private float At(int c, int x, int y) =>
            x < 0 || y < 0 || x >= Width || y >= Height ? 0f : Values[(((c * Height) + y) * Width) + x];
    }
}

using MlNetFaces.Imaging;
using MlNetFaces.Inference;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's <c>NetInput.toBatchTensor</c> on an image's bytes: zero-pad a region to a square, then TF's legacy
/// bilinear resize (<c>tf.image.resizeBilinear</c>, alignCorners and halfPixelCenters off: src = dst·in/out, lerp
/// along x, then along y, in float32). The padding is virtual and only the sampled pixels are read, so a large photo
/// costs no more than the output. Results are planar RGB floats [3,size,size] with values 0..255, the layout every face
/// net takes; no tensor library is involved.
/// </summary>
public static class NetInput
{
    /// <summary>
    /// The whole image padded to a square with zeros and resized to size×size. <paramref name="center"/> = false
    /// (detectors): all padding at the bottom/right; true (landmark and recognition nets): <c>round(diff/2)</c> after
    /// and the rest before (JS rounding, 2.5 → 3).
    /// </summary>
    public static float[] ToSquare(RgbImage image, int size, bool center)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new float[3 * size * size];
        ToSquare(image, new PixelRegion(0, 0, image.Width, image.Height), size, center, result);
        return result;
    }

    /// <summary>Several images, each padded and resized, one after another: [N,3,size,size].</summary>
    public static float[] ToBatch(IReadOnlyList<RgbImage> images, int size, bool center)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count * 3 * size * size];
        ToBatch(images, size, center, result);
        return result;
    }

    /// <summary>
    /// A detector net's outputs for whole images, each padded at the bottom/right to a square and resized to
    /// size×size, batched in a pooled buffer.
    /// </summary>
    internal static float[][] RunOnSquares(IFaceNetRunner net, IReadOnlyList<RgbImage> images, int size)
    {
        using var batch = new PooledFloats(images.Count * 3 * size * size);
        ToBatch(images, size, center: false, batch.Span);
        return net.Run(batch.Array, images.Count, size);
    }

    /// <summary><see cref="ToBatch(IReadOnlyList{RgbImage}, int, bool)"/> written into <paramref name="destination"/>.</summary>
    private static void ToBatch(IReadOnlyList<RgbImage> images, int size, bool center, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        var plane = 3 * size * size;
        for (var i = 0; i < images.Count; i++)
        {
            ToSquare(images[i], new PixelRegion(0, 0, images[i].Width, images[i].Height), size, center, destination.Slice(i * plane, plane));
        }
    }

    /// <summary><see cref="ToSquare(RgbImage, int, bool)"/> of a region of the image, written into <paramref name="destination"/> [3,size,size].</summary>
    internal static void ToSquare(RgbImage image, PixelRegion region, int size, bool center, Span<float> destination)
    {
        var diff = Math.Abs(region.Height - region.Width);
        var after = center ? (int)Math.Floor((diff / 2.0) + 0.5) : diff;
        var before = diff - after;
        var (padLeft, padRight, padTop, padBottom) = region.Height > region.Width ? (before, after, 0, 0) : (0, 0, before, after);
        Resize(image, region, size, size, (padLeft, padRight, padTop, padBottom), destination);
    }

    /// <summary>
    /// TF's legacy bilinear resize of a region, zero-padded by <paramref name="pad"/> first, to outHeight×outWidth:
    /// planar floats [3,outHeight,outWidth] written into <paramref name="destination"/>.
    /// </summary>
    internal static void Resize(RgbImage image, PixelRegion region, int outHeight, int outWidth, (int Left, int Right, int Top, int Bottom) pad, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length < 3 * outHeight * outWidth)
        {
            throw new ArgumentException($"Need room for [3,{outHeight},{outWidth}], got {destination.Length} floats.", nameof(destination));
        }

        if (pad == default && region.Width == outWidth && region.Height == outHeight)
        {
            CopyPlanar(image, region, destination); // scale 1: every fraction is 0 and TF's formula returns the pixel
            return;
        }

        var rows = Sampling.Along(region.Height, pad.Top, pad.Bottom, outHeight);
        var cols = Sampling.Along(region.Width, pad.Left, pad.Right, outWidth);
        var pixels = image.Pixels;
        var stride = image.Width * 3;
        var plane = outHeight * outWidth;
        for (var oy = 0; oy < outHeight; oy++)
        {
            var upper = ((region.Y + rows.Index0[oy]) * stride) + (region.X * 3);
            var lower = ((region.Y + rows.Index1[oy]) * stride) + (region.X * 3);
            float rowValid0 = rows.Valid0[oy], rowValid1 = rows.Valid1[oy], fy = rows.Fraction[oy];
            for (var ox = 0; ox < outWidth; ox++)
            {
                int left = cols.Index0[ox] * 3, right = cols.Index1[ox] * 3;
                float colValid0 = cols.Valid0[ox], colValid1 = cols.Valid1[ox], fx = cols.Fraction[ox];
                var at = (oy * outWidth) + ox;
                for (var c = 0; c < 3; c++)
                {
                    // The same float32 operations, in the same order, as TF (and TorchSharp before).
                    var topLeft = pixels[upper + left + c] * rowValid0 * colValid0;
                    var topRight = pixels[upper + right + c] * rowValid0 * colValid1;
                    var bottomLeft = pixels[lower + left + c] * rowValid1 * colValid0;
                    var bottomRight = pixels[lower + right + c] * rowValid1 * colValid1;
                    var top = topLeft + ((topRight - topLeft) * fx);
                    var bottom = bottomLeft + ((bottomRight - bottomLeft) * fx);
                    destination[(c * plane) + at] = top + ((bottom - top) * fy);
                }
            }
        }
    }

    /// <summary>The region's bytes as planar floats [3,Height,Width] written into <paramref name="destination"/>.</summary>
    internal static void CopyPlanar(RgbImage image, PixelRegion region, Span<float> destination)
    {
        var plane = region.Width * region.Height;
        for (var y = 0; y < region.Height; y++)
        {
            var row = (((region.Y + y) * image.Width) + region.X) * 3;
            for (var x = 0; x < region.Width; x++)
            {
                var at = (y * region.Width) + x;
                destination[at] = image.Pixels[row + (x * 3)];
                destination[plane + at] = image.Pixels[row + (x * 3) + 1];
                destination[(2 * plane) + at] = image.Pixels[row + (x * 3) + 2];
            }
        }
    }

    /// <summary>Bytes of planar floats [3,height,width] (0..255): rounded half to even and clamped, interleaved again.</summary>
    internal static RgbImage ToImage(ReadOnlySpan<float> planar, int width, int height)
    {
        var plane = width * height;
        var bytes = new byte[plane * 3];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                bytes[(i * 3) + c] = (byte)Math.Clamp(MathF.Round(planar[(c * plane) + i]), 0, 255);
            }
        }

        return new RgbImage(width, height, bytes);
    }

    /// <summary>
    /// TF legacy sampling along one axis of length size, zero-padded by before and after: for each output position the
    /// two source indices (clamped into the unpadded axis), whether each is a real pixel (1) or padding (0), and the
    /// interpolation fraction, computed in float32 as TF does.
    /// </summary>
    private sealed record Sampling(int[] Index0, int[] Index1, float[] Valid0, float[] Valid1, float[] Fraction)
    {
        public static Sampling Along(int size, int before, int after, int outSize)
        {
            var padded = before + size + after;
            var scale = (float)padded / outSize;
            var result = new Sampling(new int[outSize], new int[outSize], new float[outSize], new float[outSize], new float[outSize]);
            for (var o = 0; o < outSize; o++)
            {
                var src = o * scale;
                var p0 = (int)MathF.Floor(src);
                var p1 = Math.Min((int)MathF.Ceiling(src), padded - 1);
                result.Fraction[o] = src - p0;
                (result.Index0[o], result.Valid0[o]) = Source(p0 - before, size);
                (result.Index1[o], result.Valid1[o]) = Source(p1 - before, size);
            }

            return result;
        }

        private static (int Index, float Valid) Source(int index, int size) =>
            index < 0 ? (0, 0) : index >= size ? (size - 1, 0) : (index, 1);
    }
}

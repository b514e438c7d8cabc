using SkiaSharp;

namespace MlNetFaces.Imaging;

/// <summary>High-quality resampling of <see cref="RgbImage"/> (SkiaSharp, mipmaps and cubic filtering).</summary>
public static class ImageResizer
{
    /// <summary>The image resized to exactly <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        using var source = ImageEncoder.ToBitmap(image);
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), SKFilterQuality.High)
            ?? throw new InvalidOperationException($"SkiaSharp could not resize a {image.Width}×{image.Height} image to {width}×{height}.");
        var rgba = resized.Bytes;
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }

        return new RgbImage(width, height, rgb);
    }

    /// <summary>The image scaled (up or down, aspect kept) so that its longer side is <paramref name="longestSide"/> pixels.</summary>
    public static RgbImage FitLongestSide(RgbImage image, int longestSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(longestSide);
        var scale = (double)longestSide / Math.Max(image.Width, image.Height);
        var w = Math.Max(1, (int)Math.Round(image.Width * scale));
        var h = Math.Max(1, (int)Math.Round(image.Height * scale));
        return Resize(image, w, h);
    }
}

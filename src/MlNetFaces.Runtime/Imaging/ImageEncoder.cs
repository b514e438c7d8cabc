using SkiaSharp;
using MlNetFaces.IO;

namespace MlNetFaces.Imaging;

/// <summary>Writes RGB images as PNG or JPEG (chosen by the file extension).</summary>
public static class ImageEncoder
{
    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> as PNG (<c>.png</c>) or JPEG (<c>.jpg</c>, <c>.jpeg</c>);
    /// the file is replaced atomically, so a reader never sees half an image.
    /// </summary>
    /// <param name="image">The image to write.</param>
    /// <param name="path">The file to write; its extension picks the format (any other is an <see cref="ArgumentException"/>).</param>
    /// <param name="jpegQuality">JPEG quality, 0 to 100; ignored for PNG.</param>
    public static void Save(RgbImage image, string path, int jpegQuality = 90)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = ToBitmap(image);
        Save(bitmap, path, jpegQuality);
    }

    /// <summary>The bytes of <paramref name="image"/> encoded as a PNG file (lossless).</summary>
    /// <param name="image">The image to encode.</param>
    public static byte[] EncodePng(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = ToBitmap(image);
        using var data = Encode(bitmap, SKEncodedImageFormat.Png, 100, "the image");
        return data.ToArray();
    }

    internal static void Save(SKBitmap bitmap, string path, int jpegQuality = 90)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var format = ext switch
        {
            ".png" => SKEncodedImageFormat.Png,
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            _ => throw new ArgumentException($"Cannot write '{ext}' images: use .png or .jpg.", nameof(path)),
        };
        using var data = Encode(bitmap, format, jpegQuality, path);
        AtomicFile.Write(path, data.SaveTo);
    }

    private static SKData Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality, string name) =>
        bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp could not encode {name}.");

    internal static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[image.Width * image.Height * 4];
        var rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}

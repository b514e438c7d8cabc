using SkiaSharp;

namespace MlNetFaces.Imaging;

/// <summary>
/// Decodes JPEG, PNG, BMP, GIF, WebP (SkiaSharp) and PGM (<see cref="PgmDecoder"/>) to upright RGB: EXIF orientation applied,
/// alpha dropped, grey expanded.
/// </summary>
public static class ImageDecoder
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".pgm"];

    /// <summary>Whether <paramref name="path"/> names a file this decoder reads (by extension) that is not hidden.</summary>
    public static bool IsImageFile(string path) =>
        !Path.GetFileName(path).StartsWith('.') && Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>
    /// The image files of <paramref name="root"/>/IDENTITY/ as (identity, path), folders and files in ordinal order,
    /// hidden entries skipped: the layout of LFW, ORL and of users' own folder-per-person data.
    /// </summary>
    public static List<(string Identity, string Path)> ListIdentityFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: folder not found.");
        }

        return Directory.GetDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Where(IsImageFile).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(d), f)))
            .ToList();
    }

    public static RgbImage Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageDecodeException($"{path}: file not found.");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new ImageDecodeException($"{path}: the file is empty (0 bytes).");
        }

        return Decode(bytes, path);
    }

    public static RgbImage Decode(byte[] bytes, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (PgmDecoder.IsPgm(bytes))
        {
            return PgmDecoder.Decode(bytes, name);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException($"{name}: not an image in a supported format (JPEG, PNG, BMP, GIF, WebP, PGM).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            var why = result == SKCodecResult.IncompleteInput ? "the file is truncated" : $"decoding failed ({result})";
            throw new ImageDecodeException($"{name}: {why}.");
        }

        using var upright = Orient(bitmap, codec.EncodedOrigin);
        return ToRgb(upright);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var w = swap ? source.Height : source.Width;
        var h = swap ? source.Width : source.Height;
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(OriginMatrix(origin, source.Width, source.Height));
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    // Maps source pixel coordinates to the upright image for each EXIF orientation.
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static RgbImage ToRgb(SKBitmap bitmap)
    {
        var rgba = bitmap.Bytes;
        var n = bitmap.Width * bitmap.Height;
        var rgb = new byte[n * 3];
        for (var i = 0; i < n; i++)
        {
            rgb[(3 * i) + 0] = rgba[(4 * i) + 0];
            rgb[(3 * i) + 1] = rgba[(4 * i) + 1];
            rgb[(3 * i) + 2] = rgba[(4 * i) + 2];
        }

        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}

using System.Globalization;
using SkiaSharp;

namespace MlNetFaces.Imaging;

/// <summary>
/// Decodes JPEG, PNG, BMP, GIF, WebP (SkiaSharp) and PGM (<see cref="PgmDecoder"/>) to upright RGB: EXIF orientation applied,
/// alpha dropped, grey expanded.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The default pixel limit: 100 megapixels (a decoded image then takes at most about 700 MB).</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>The largest pixel limit that can be set: 500 megapixels (2 GB of RGBA, the most one bitmap holds).</summary>
    public const long LargestMaxPixels = 500_000_000;

    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".pgm"];

    private static long maxPixels = DefaultMaxPixels;

    /// <summary>
    /// Images whose header declares more pixels than this are refused (<see cref="InputLimitException"/>) before any
    /// pixel memory is allocated; process-wide, <see cref="DefaultMaxPixels"/> unless raised (at most
    /// <see cref="LargestMaxPixels"/>). The command line sets it with <c>--max-pixels</c>.
    /// </summary>
    public static long MaxPixels
    {
        get => Interlocked.Read(ref maxPixels);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, LargestMaxPixels);
            Interlocked.Exchange(ref maxPixels, value);
        }
    }

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

    /// <summary>Decodes the image file at <paramref name="path"/>; every problem is an <see cref="ImageDecodeException"/> naming it.</summary>
    public static RgbImage Load(string path) => Decode(ReadFile(path), path);

    /// <summary>
    /// Reads only the header of the image file at <paramref name="path"/>: its upright size, after checking that the file
    /// exists, is not empty, is an image in a supported format and is within <see cref="MaxPixels"/>. A cheap first pass
    /// over many files, before decoding them one at a time.
    /// </summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        var bytes = ReadFile(path);
        if (PgmDecoder.IsPgm(bytes))
        {
            var pgm = PgmDecoder.Decode(bytes, path); // small: PGM files hold their pixels uncompressed
            return (pgm.Width, pgm.Height);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = OpenCodec(data, path);
        var swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return swap ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Refuses <paramref name="width"/> × <paramref name="height"/> above <see cref="MaxPixels"/>, with the memory it would take.</summary>
    public static void CheckPixelLimit(long width, long height, string name)
    {
        var pixels = width * height;
        var limit = MaxPixels;
        if (pixels > limit)
        {
            throw new InputLimitException(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: {width}×{height} is {pixels / 1e6:0.#} megapixels, over the limit of {limit / 1e6:0.#} (decoding would need about {pixels * 7 / 1e9:0.0} GB); raise it with --max-pixels N (at most {LargestMaxPixels / 1_000_000} million)."));
        }
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ImageDecodeException($"{path}: is a folder, not an image file.");
        }

        if (!File.Exists(path))
        {
            throw new ImageDecodeException($"{path}: file not found.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException($"{path}: cannot be read ({ex.Message.TrimEnd('.')}).", ex);
        }

        return bytes.Length == 0 ? throw new ImageDecodeException($"{path}: the file is empty (0 bytes).") : bytes;
    }

    private static SKCodec OpenCodec(SKData data, string name)
    {
        var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException($"{name}: not an image in a supported format (JPEG, PNG, BMP, GIF, WebP, PGM).");
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec.Dispose();
            throw new ImageDecodeException($"{name}: the image header declares an empty size ({codec.Info.Width}×{codec.Info.Height}).");
        }

        try
        {
            CheckPixelLimit(codec.Info.Width, codec.Info.Height, name);
        }
        catch
        {
            codec.Dispose();
            throw;
        }

        return codec;
    }

    /// <summary>Decodes an encoded image held in memory (any of the formats above) to upright RGB.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="name">What the error messages call the image (a file name, usually).</param>
    /// <returns>The decoded image, EXIF orientation applied.</returns>
    /// <exception cref="ImageDecodeException">The bytes are empty, not an image, or truncated.</exception>
    /// <exception cref="InputLimitException">The header declares more than <see cref="MaxPixels"/> pixels.</exception>
    public static RgbImage Decode(byte[] bytes, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (PgmDecoder.IsPgm(bytes))
        {
            return PgmDecoder.Decode(bytes, name);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = OpenCodec(data, name);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown
            ? DecodeRows(codec, info, name)
            : DecodeWhole(codec, info, name);
    }

    /// <summary>
    /// Decodes row by row straight into the RGB buffer, oriented as it goes: the only large allocation is the result
    /// (3 bytes per pixel), where a whole RGBA bitmap would add 4 more. JPEG, PNG and top-down BMP decode this way.
    /// </summary>
    private static RgbImage DecodeRows(SKCodec codec, SKImageInfo info, string name)
    {
        var (w, h) = (info.Width, info.Height);
        var swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var rgb = AllocateRgb(w, h, name);
        var row = new byte[w * 4];
        var targetWidth = swap ? h : w;
        for (var y = 0; y < h; y++)
        {
            unsafe
            {
                fixed (byte* p = row)
                {
                    if (codec.GetScanlines((IntPtr)p, 1, row.Length) != 1)
                    {
                        throw new ImageDecodeException($"{name}: the file is truncated.");
                    }
                }
            }

            var (start, step) = RowPlacement(codec.EncodedOrigin, y, w, h);
            for (var x = 0; x < w; x++)
            {
                var t = (start + (x * step)) * 3;
                rgb[t] = row[4 * x];
                rgb[t + 1] = row[(4 * x) + 1];
                rgb[t + 2] = row[(4 * x) + 2];
            }
        }

        return new RgbImage(targetWidth, swap ? w : h, rgb);
    }

    /// <summary>
    /// Where source row <paramref name="y"/> of a <paramref name="w"/>×<paramref name="h"/> image goes in the upright
    /// image: the pixel index of its first pixel and the index step from one source pixel to the next.
    /// </summary>
    private static (long Start, long Step) RowPlacement(SKEncodedOrigin origin, int y, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => (((long)y * w) + w - 1, -1),                    // mirrored: (w-1-x, y)
        SKEncodedOrigin.BottomRight => (((long)(h - 1 - y) * w) + w - 1, -1),       // 180°: (w-1-x, h-1-y)
        SKEncodedOrigin.BottomLeft => ((long)(h - 1 - y) * w, 1),                   // flipped: (x, h-1-y)
        SKEncodedOrigin.LeftTop => (y, h),                                          // transposed: (y, x)
        SKEncodedOrigin.RightTop => (h - 1 - y, h),                                 // 90° clockwise: (h-1-y, x)
        SKEncodedOrigin.RightBottom => (((long)(w - 1) * h) + h - 1 - y, -h),      // transverse: (h-1-y, w-1-x)
        SKEncodedOrigin.LeftBottom => (((long)(w - 1) * h) + y, -h),               // 90° anticlockwise: (y, w-1-x)
        _ => ((long)y * w, 1),
    };

    private static byte[] AllocateRgb(int width, int height, string name)
    {
        try
        {
            return GC.AllocateUninitializedArray<byte>(checked(width * height * 3));
        }
        catch (Exception ex) when (ex is OutOfMemoryException or OverflowException)
        {
            throw new InputLimitException(string.Create(CultureInfo.InvariantCulture, $"{name}: not enough memory to decode {width}×{height} pixels."), ex);
        }
    }

    /// <summary>Decodes into one RGBA bitmap, then orients and converts it: formats without row-by-row decoding (GIF, WebP).</summary>
    internal static RgbImage DecodeWhole(SKCodec codec, SKImageInfo info, string name)
    {
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            throw new InputLimitException(string.Create(CultureInfo.InvariantCulture, $"{name}: not enough memory to decode {info.Width}×{info.Height} pixels."));
        }

        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            var why = result == SKCodecResult.IncompleteInput ? "the file is truncated" : $"decoding failed ({result})";
            throw new ImageDecodeException($"{name}: {why}.");
        }

        if (codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return ToRgb(bitmap);
        }

        using var upright = Orient(bitmap, codec.EncodedOrigin);
        return ToRgb(upright);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {

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
        var rgba = bitmap.GetPixelSpan(); // the bitmap's own memory: no managed copy of the RGBA pixels
        var n = checked(bitmap.Width * bitmap.Height);
        var rgb = new byte[checked(n * 3)];
        for (var i = 0; i < n; i++)
        {
            rgb[(3 * i) + 0] = rgba[(4 * i) + 0];
            rgb[(3 * i) + 1] = rgba[(4 * i) + 1];
            rgb[(3 * i) + 2] = rgba[(4 * i) + 2];
        }

        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}

using MlNetFaces.Imaging;
using SkiaSharp;

namespace MlNetFaces.Tests;

public sealed class ImageDecoderTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-img-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ExifOrientationIsApplied()
    {
        // 40×20: left half red, right half blue. EXIF orientation 6 = rotate 90° clockwise to display.
        var image = new RgbImage(40, 20, Enumerable.Range(0, 40 * 20).SelectMany(i => i % 40 < 20 ? new byte[] { 255, 0, 0 } : [0, 0, 255]).ToArray());
        var plain = dir.File("plain.jpg");
        ImageEncoder.Save(image, plain, 95);
        var jpeg = File.ReadAllBytes(plain);
        var rotated = dir.File("rotated.jpg");
        File.WriteAllBytes(rotated, [.. jpeg[..2], .. ExifOrientation(6), .. jpeg[2..]]);

        var upright = ImageDecoder.Load(rotated);
        Assert.Equal(20, upright.Width);
        Assert.Equal(40, upright.Height);
        Assert.True(Pixel(upright, 10, 5)[0] > 200 && Pixel(upright, 10, 5)[2] < 60, "top half should be red");
        Assert.True(Pixel(upright, 10, 35)[2] > 200 && Pixel(upright, 10, 35)[0] < 60, "bottom half should be blue");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RowByRowDecodingEqualsWholeBitmapDecoding(int orientation)
    {
        // An asymmetric 7×5 gradient: every orientation moves every pixel somewhere else.
        var image = new RgbImage(7, 5, Enumerable.Range(0, 7 * 5).SelectMany(i => new[] { (byte)(i * 7), (byte)(255 - (i * 5)), (byte)(i % 7 * 30) }).ToArray());
        var plain = dir.File("plain.jpg");
        ImageEncoder.Save(image, plain, 100);
        var jpeg = File.ReadAllBytes(plain);
        byte[] oriented = [.. jpeg[..2], .. ExifOrientation((ushort)orientation), .. jpeg[2..]];

        var rows = ImageDecoder.Decode(oriented, "rows");
        using var data = SKData.CreateCopy(oriented);
        using var codec = SKCodec.Create(data);
        var whole = ImageDecoder.DecodeWhole(codec, new SKImageInfo(7, 5, SKColorType.Rgba8888, SKAlphaType.Unpremul), "whole");

        Assert.Equal((whole.Width, whole.Height), (rows.Width, rows.Height));
        Assert.Equal(orientation >= 5 ? (5, 7) : (7, 5), (rows.Width, rows.Height));
        Assert.Equal(whole.Pixels, rows.Pixels);
    }

    [Fact]
    public void GreyscaleAndRgbaAreConvertedToRgb()
    {
        var grey = dir.File("grey.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(8, 4, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            bitmap.Erase(new SKColor(77, 77, 77));
            Save(bitmap, grey);
        }

        var g = ImageDecoder.Load(grey);
        Assert.Equal(new byte[] { 77, 77, 77 }, Pixel(g, 3, 2));

        var rgba = dir.File("rgba.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(8, 4, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            bitmap.Erase(new SKColor(10, 200, 30, 128));
            Save(bitmap, rgba);
        }

        var c = ImageDecoder.Load(rgba);
        Assert.Equal(new byte[] { 10, 200, 30 }, Pixel(c, 1, 1));
    }

    [Fact]
    public void BadFilesGiveClearErrors()
    {
        var missing = dir.File("missing.jpg");
        Assert.Contains("not found", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(missing)).Message, StringComparison.Ordinal);

        var empty = dir.File("empty.jpg");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(empty)).Message, StringComparison.Ordinal);

        var text = dir.File("text.jpg");
        File.WriteAllText(text, "this is not an image");
        Assert.Contains("not an image", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(text)).Message, StringComparison.Ordinal);

        var truncated = dir.File("truncated.jpg");
        var jpeg = File.ReadAllBytes(TestPaths.Models.PathOf("sample1.jpg"));
        File.WriteAllBytes(truncated, jpeg[..(jpeg.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(truncated)).Message, StringComparison.Ordinal);
    }

    private static byte[] Pixel(RgbImage image, int x, int y) => image.Pixels.AsSpan(((y * image.Width) + x) * 3, 3).ToArray();

    private static void Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>An APP1 Exif segment holding only the Orientation tag (little-endian TIFF).</summary>
    private static byte[] ExifOrientation(ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, // header, IFD0 at offset 8
            1, 0,                                     // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0,                               // no next IFD
        ];
        byte[] body = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, .. tiff];
        var length = body.Length + 2;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. body];
    }
}

using System.Globalization;

namespace MlNetFaces.Imaging;

/// <summary>
/// Binary (P5) and plain (P2) PGM greyscale images (e.g. the ORL/AT&amp;T faces), which SkiaSharp does not read;
/// grey is expanded to RGB and values are rescaled from maxval to 0..255.
/// </summary>
internal static class PgmDecoder
{
    /// <summary>True when the bytes start with a PGM magic number ("P5" or "P2").</summary>
    public static bool IsPgm(ReadOnlySpan<byte> bytes) => bytes.Length > 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '2');

    public static RgbImage Decode(byte[] bytes, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var position = 2;
        int Next()
        {
            while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
            {
                if (bytes[position] == '#')
                {
                    while (position < bytes.Length && bytes[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    position++;
                }
            }

            var start = position;
            while (position < bytes.Length && char.IsAsciiDigit((char)bytes[position]))
            {
                position++;
            }

            return position > start && int.TryParse(bytes.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ImageDecodeException($"{name}: malformed PGM header.");
        }

        var binary = bytes[1] == '5';
        var width = Next();
        var height = Next();
        var max = Next();
        if (width <= 0 || height <= 0 || max is <= 0 or > 255)
        {
            throw new ImageDecodeException($"{name}: unsupported PGM ({width}×{height}, maxval {max}; 8-bit only).");
        }

        ImageDecoder.CheckPixelLimit(width, height, name);
        position++; // the single whitespace after maxval
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            int grey;
            if (binary)
            {
                grey = position + i < bytes.Length ? bytes[position + i] : throw new ImageDecodeException($"{name}: the file is truncated.");
            }
            else
            {
                grey = position < bytes.Length ? Next() : throw new ImageDecodeException($"{name}: the file is truncated.");
            }

            var value = (byte)Math.Min(255, grey * 255 / max);
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = value;
        }

        return new RgbImage(width, height, rgb);
    }
}

namespace MlNetFaces.Imaging;

/// <summary>Pictures made of pictures: rows of images, each fitted and centred in a square cell.</summary>
public static class ImageGrid
{
    private const byte Background = 255;

    /// <summary>Rows of panels (null: blank), each fitted and centred in a square cell, on white with a 4-pixel gap.</summary>
    public static RgbImage Compose(IReadOnlyList<IReadOnlyList<RgbImage?>> rows, int cell = 256, int gap = 4)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(cell, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        if (columns == 0)
        {
            throw new ArgumentException("Nothing to draw.", nameof(rows));
        }

        var width = (columns * cell) + ((columns + 1) * gap);
        var height = (rows.Count * cell) + ((rows.Count + 1) * gap);
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, Background);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (rows[r][c] is not { } image)
                {
                    continue;
                }

                var fitted = ImageResizer.FitLongestSide(image, cell);
                var x0 = gap + (c * (cell + gap)) + ((cell - fitted.Width) / 2);
                var y0 = gap + (r * (cell + gap)) + ((cell - fitted.Height) / 2);
                for (var y = 0; y < fitted.Height; y++)
                {
                    Buffer.BlockCopy(fitted.Pixels, y * fitted.Width * 3, pixels, (((y0 + y) * width) + x0) * 3, fitted.Width * 3);
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }
}

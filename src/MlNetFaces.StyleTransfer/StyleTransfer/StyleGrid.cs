using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>Picture grids for style transfer: one content | style | result row, or a content × style matrix of results.</summary>
public static class StyleGrid
{
    private const byte Background = 255;

    /// <summary>A content | style | result strip; each panel fitted into a <paramref name="cell"/>-pixel square.</summary>
    public static RgbImage Row(RgbImage content, RgbImage style, RgbImage result, int cell = 256) =>
        Compose([[content, style, result]], cell);

    /// <summary>
    /// The results of every (content, style) pair: the first row shows the styles, the first column the contents, and
    /// cell (i, j) the result of content i with style j (null: left blank).
    /// </summary>
    public static RgbImage Matrix(IReadOnlyList<RgbImage> contents, IReadOnlyList<RgbImage> styles, RgbImage?[,] results, int cell = 192)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(results);
        if (results.GetLength(0) != contents.Count || results.GetLength(1) != styles.Count)
        {
            throw new ArgumentException($"Expected {contents.Count}×{styles.Count} results, got {results.GetLength(0)}×{results.GetLength(1)}.", nameof(results));
        }

        var rows = new List<IReadOnlyList<RgbImage?>> { new RgbImage?[] { null }.Concat(styles).ToList() };
        for (var i = 0; i < contents.Count; i++)
        {
            var row = new List<RgbImage?> { contents[i] };
            for (var j = 0; j < styles.Count; j++)
            {
                row.Add(results[i, j]);
            }

            rows.Add(row);
        }

        return Compose(rows, cell);
    }

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

using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>Picture grids for style transfer: one content | style | result row, or a content × style matrix of results.</summary>
public static class StyleGrid
{
    /// <summary>A content | style | result strip; each panel fitted into a <paramref name="cell"/>-pixel square.</summary>
    public static RgbImage Row(RgbImage content, RgbImage style, RgbImage result, int cell = 256) =>
        ImageGrid.Compose([[content, style, result]], cell);

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

        return ImageGrid.Compose(rows, cell);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.IO;
using MlNetFaces.Imaging;
using MlNetFaces.Volumes;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The explicit write step after <see cref="StyleImageModel.StylizeImages"/>, <see cref="StyleTransferCatalog.StylizeAudio"/>
/// or <see cref="StyleTransferCatalog.StylizeVolumes"/>: those transforms keep each result in memory (a byte-vector
/// column) and write nothing; <c>SaveOutputs</c> runs the view once and writes every row's result to the path in its
/// output-path column.
/// </summary>
public static class StyleFileWriter
{
    /// <summary>
    /// Enumerates <paramref name="stylised"/> once (each row is stylised here, as the view is lazy) and writes each row's
    /// output bytes to its output path, atomically (a path ending in <c>.gz</c> is gzip-compressed: <c>.nii.gz</c> for
    /// volumes), creating folders as needed. Returns, per row in order, the path written with the row's style drop and
    /// content correlation, so the caller need not run the view a second time for them.
    /// </summary>
    /// <param name="stylised">The output of a fitted <see cref="StyleFileEstimator"/>, with the output-path column still in it.</param>
    /// <param name="options">The column names the estimator was given (null: the defaults).</param>
    public static IReadOnlyList<StyledFile> SaveOutputs(IDataView stylised, StyleFileTransformOptions? options = null)
    {
        options ??= new StyleFileTransformOptions();
        return Write(stylised, options.OutputPathColumnName, options.OutputColumnName, options.StyleDropColumnName, options.ContentCorrelationColumnName,
            NiftiWriter.WriteEncoded, (path, drop, correlation) => new StyledFile(path, drop, correlation));
    }

    /// <summary>
    /// Enumerates <paramref name="stylised"/> once (each row is stylised here) and writes each row's image to its output
    /// path, atomically: the PNG bytes as they are for <c>.png</c>, re-encoded for <c>.jpg</c>/<c>.jpeg</c>. Returns, per
    /// row in order, the path written with the row's style drop and final content loss.
    /// </summary>
    /// <param name="stylised">The output of a fitted <see cref="StyleImageEstimator"/>, with the output-path column in it.</param>
    /// <param name="options">The options the estimator was given (null: the default column names).</param>
    public static IReadOnlyList<StyledImage> SaveOutputs(IDataView stylised, StyleImageTransformOptions? options)
    {
        options ??= new StyleImageTransformOptions();
        return Write(stylised, options.OutputPathColumnName, options.OutputColumnName, options.StyleDropColumnName, options.ContentLossColumnName,
            WritePng, (path, drop, loss) => new StyledImage(path, drop, loss));
    }

    private static void WritePng(string path, byte[] png)
    {
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.WriteAllBytes(path, png);
        }
        else
        {
            ImageEncoder.Save(ImageDecoder.Decode(png, path), path);
        }
    }

    private static List<T> Write<T>(
        IDataView stylised, string pathName, string outputName, string firstName, string secondName,
        Action<string, byte[]> write, Func<string, float, float, T> report)
    {
        ArgumentNullException.ThrowIfNull(stylised);
        var schema = stylised.Schema;
        SchemaChecks.RequireScalarText(schema, pathName, "output file paths");
        var pathColumn = schema[pathName];
        var outputColumn = Column(schema, outputName);
        if (outputColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType item } || item != NumberDataViewType.Byte)
        {
            throw new ArgumentOutOfRangeException(nameof(stylised), $"Column '{outputName}' must hold the stylised files (a vector of bytes), but it is {outputColumn.Type}.");
        }

        var firstColumn = Column(schema, firstName);
        var secondColumn = Column(schema, secondName);
        var written = new List<T>();
        using var cursor = stylised.GetRowCursor([pathColumn, outputColumn, firstColumn, secondColumn]);
        var path = cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn);
        var output = cursor.GetGetter<VBuffer<byte>>(outputColumn);
        var first = cursor.GetGetter<float>(firstColumn);
        var second = cursor.GetGetter<float>(secondColumn);
        ReadOnlyMemory<char> target = default;
        VBuffer<byte> bytes = default;
        float firstValue = 0, secondValue = 0;
        while (cursor.MoveNext())
        {
            path(ref target);
            output(ref bytes);
            first(ref firstValue);
            second(ref secondValue);
            var file = target.ToString();
            if (string.IsNullOrWhiteSpace(file))
            {
                throw new ArgumentException($"Row {cursor.Position}: the output path column '{pathName}' is empty.", nameof(stylised));
            }

            write(file, bytes.DenseValues().ToArray());
            written.Add(report(file, firstValue, secondValue));
        }

        return written;
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' not found (columns: {string.Join(", ", schema.Select(c => c.Name))}); is this the output of StylizeImages, StylizeAudio or StylizeVolumes?");
}

/// <summary>One file <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleFileTransformOptions?)"/> wrote, with the measures of its row.</summary>
/// <param name="Path">Where the stylised file was written.</param>
/// <param name="StyleDrop">The style-distance drop of the result as stored (first / last).</param>
/// <param name="ContentCorrelation">How well the result keeps the content (a correlation, 1 = identical).</param>
public sealed record StyledFile(string Path, float StyleDrop, float ContentCorrelation);

/// <summary>One image <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleImageTransformOptions?)"/> wrote, with the measures of its row.</summary>
/// <param name="Path">Where the stylised image was written.</param>
/// <param name="StyleDrop">The style-loss drop of the optimisation (first / last).</param>
/// <param name="ContentLoss">The content loss at the last step.</param>
public sealed record StyledImage(string Path, float StyleDrop, float ContentLoss);

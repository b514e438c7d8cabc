using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Volumes;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The explicit write step after <see cref="StyleTransferCatalog.StylizeAudio"/> or
/// <see cref="StyleTransferCatalog.StylizeVolumes"/>: those transforms keep each result in memory (a byte-vector column);
/// <see cref="SaveOutputs"/> runs the view once and writes every row's result to the path in its output-path column.
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
        ArgumentNullException.ThrowIfNull(stylised);
        options ??= new StyleFileTransformOptions();
        var schema = stylised.Schema;
        SchemaChecks.RequireScalarText(schema, options.OutputPathColumnName, "output file paths");
        var pathColumn = schema[options.OutputPathColumnName];
        var outputColumn = Column(schema, options.OutputColumnName);
        if (outputColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType item } || item != NumberDataViewType.Byte)
        {
            throw new ArgumentOutOfRangeException(nameof(stylised), $"Column '{options.OutputColumnName}' must hold the stylised files (a vector of bytes), but it is {outputColumn.Type}.");
        }

        var dropColumn = Column(schema, options.StyleDropColumnName);
        var correlationColumn = Column(schema, options.ContentCorrelationColumnName);
        var written = new List<StyledFile>();
        using var cursor = stylised.GetRowCursor([pathColumn, outputColumn, dropColumn, correlationColumn]);
        var path = cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn);
        var output = cursor.GetGetter<VBuffer<byte>>(outputColumn);
        var drop = cursor.GetGetter<float>(dropColumn);
        var correlation = cursor.GetGetter<float>(correlationColumn);
        ReadOnlyMemory<char> target = default;
        VBuffer<byte> bytes = default;
        float dropValue = 0, correlationValue = 0;
        while (cursor.MoveNext())
        {
            path(ref target);
            output(ref bytes);
            drop(ref dropValue);
            correlation(ref correlationValue);
            var file = target.ToString();
            if (string.IsNullOrWhiteSpace(file))
            {
                throw new ArgumentException($"Row {cursor.Position}: the output path column '{options.OutputPathColumnName}' is empty.", nameof(stylised));
            }

            NiftiWriter.WriteEncoded(file, bytes.DenseValues().ToArray());
            written.Add(new StyledFile(file, dropValue, correlationValue));
        }

        return written;
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' not found (columns: {string.Join(", ", schema.Select(c => c.Name))}); is this the output of StylizeAudio or StylizeVolumes?");
}

/// <summary>One file <see cref="StyleFileWriter.SaveOutputs"/> wrote, with the measures of its row.</summary>
/// <param name="Path">Where the stylised file was written.</param>
/// <param name="StyleDrop">The style-distance drop of the result as stored (first / last).</param>
/// <param name="ContentCorrelation">How well the result keeps the content (a correlation, 1 = identical).</param>
public sealed record StyledFile(string Path, float StyleDrop, float ContentCorrelation);

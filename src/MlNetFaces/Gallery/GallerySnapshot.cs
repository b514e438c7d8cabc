using System.Runtime.InteropServices;
using System.Text;

namespace MlNetFaces.Gallery;

/// <summary>
/// An immutable in-memory copy of a gallery: identity names, the identity of each template, the templates as one
/// row-major matrix [templates × dimension], the model id and the threshold. It is what search works on, and what
/// travels inside a saved ML.NET model (<see cref="WriteTo"/> / <see cref="ReadFrom"/>).
/// </summary>
public sealed class GallerySnapshot
{
    private const string Magic = "MLNETFACES-GALLERY";
    private const int FormatVersion = 1;

    /// <summary>A snapshot of the given templates (the arrays are kept, not copied).</summary>
    /// <param name="modelId">The embedding model the templates come from.</param>
    /// <param name="dimension">Embedding length.</param>
    /// <param name="names">Identity names.</param>
    /// <param name="identityOfTemplate">For each template, the index of its identity in <paramref name="names"/>.</param>
    /// <param name="matrix">The templates, row-major [templates × dimension].</param>
    /// <param name="threshold">The distance above which a probe is unknown.</param>
    public GallerySnapshot(string modelId, int dimension, IReadOnlyList<string> names, IReadOnlyList<int> identityOfTemplate, float[] matrix, GalleryThreshold threshold)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(identityOfTemplate);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(threshold);
        if (matrix.Length != identityOfTemplate.Count * dimension)
        {
            throw new ArgumentException($"The matrix has {matrix.Length} values; {identityOfTemplate.Count} templates × {dimension} need {identityOfTemplate.Count * dimension}.", nameof(matrix));
        }

        if (identityOfTemplate.Any(i => i < 0 || i >= names.Count))
        {
            throw new ArgumentException("A template refers to an identity outside the name list.", nameof(identityOfTemplate));
        }

        ModelId = modelId;
        Dimension = dimension;
        Names = names;
        IdentityOfTemplate = identityOfTemplate;
        Matrix = matrix;
        Threshold = threshold;
    }

    /// <summary>The embedding model id of the templates.</summary>
    public string ModelId { get; }

    /// <summary>Embedding length.</summary>
    public int Dimension { get; }

    /// <summary>Identity names; templates refer to them by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>For each template (matrix row), the index of its identity in <see cref="Names"/>.</summary>
    public IReadOnlyList<int> IdentityOfTemplate { get; }

    /// <summary>Row-major [templates × dimension].</summary>
#pragma warning disable CA1819 // the matrix is a flat buffer by nature
    public float[] Matrix { get; }
#pragma warning restore CA1819

    /// <summary>The distance above which a probe is unknown.</summary>
    public GalleryThreshold Threshold { get; }

    /// <summary>The number of templates (matrix rows).</summary>
    public int TemplateCount => IdentityOfTemplate.Count;

    /// <summary>The same snapshot with another threshold (e.g. to try one without touching the database).</summary>
    public GallerySnapshot WithThreshold(GalleryThreshold threshold) => new(ModelId, Dimension, Names, IdentityOfTemplate, Matrix, threshold);

    /// <summary>Writes a little-endian binary form (magic, version, model id, threshold, names, template rows).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ModelId);
        writer.Write(Dimension);
        writer.Write(Threshold.Value);
        writer.Write(Threshold.Calibrated);
        writer.Write(Threshold.Source);
        writer.Write(Names.Count);
        foreach (var name in Names)
        {
            writer.Write(name);
        }

        writer.Write(TemplateCount);
        foreach (var i in IdentityOfTemplate)
        {
            writer.Write(i);
        }

        writer.Write(MemoryMarshal.AsBytes(Matrix.AsSpan()));
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; a foreign or truncated stream is an <see cref="InvalidDataException"/>.</summary>
    public static GallerySnapshot ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException("Not a gallery snapshot.");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Gallery snapshot format {version} is not supported (this build reads {FormatVersion}).");
            }

            var modelId = reader.ReadString();
            var dimension = reader.ReadInt32();
            var threshold = new GalleryThreshold(reader.ReadDouble(), reader.ReadBoolean(), reader.ReadString());
            var names = new string[reader.ReadInt32()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString();
            }

            var identityOf = new int[reader.ReadInt32()];
            for (var i = 0; i < identityOf.Length; i++)
            {
                identityOf[i] = reader.ReadInt32();
            }

            var matrix = new float[identityOf.Length * dimension];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(matrix.AsSpan()));
            return new GallerySnapshot(modelId, dimension, names, identityOf, matrix, threshold);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The gallery snapshot is truncated.", ex);
        }
    }
}

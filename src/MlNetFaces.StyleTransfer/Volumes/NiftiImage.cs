namespace MlNetFaces.Volumes;

/// <summary>
/// A NIfTI-1 image: its header (kept byte for byte), any header extensions, and the voxel values with scl_slope/scl_inter
/// applied, x fastest (x, y, z, t... as stored).
/// </summary>
public sealed class NiftiImage
{
    /// <summary>An image of <paramref name="values"/> described by <paramref name="header"/> (the arrays are kept, not copied).</summary>
    /// <param name="header">The header; its dimensions must hold exactly <paramref name="values"/>.Length voxels.</param>
    /// <param name="values">Real-world voxel values, x fastest.</param>
    /// <param name="extensions">The bytes between the header and vox_offset; none when null (an extension flag of zeros is written).</param>
    public NiftiImage(NiftiHeader header, float[] values, byte[]? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(values);
        var count = header.Dimensions.Aggregate(1L, (a, b) => a * b);
        if (values.Length != count)
        {
            throw new ArgumentException($"{values.Length} values for dims [{string.Join('×', header.Dimensions)}] ({count} voxels).", nameof(values));
        }

        Header = header;
        Values = values;
        Extensions = extensions ?? [];
    }

    /// <summary>The file's header, byte for byte.</summary>
    public NiftiHeader Header { get; }

#pragma warning disable CA1819 // voxel and extension buffers are arrays by nature
    /// <summary>Real-world values (stored · scl_slope + scl_inter when the slope is set), x fastest.</summary>
    public float[] Values { get; }

    /// <summary>The bytes between the header and vox_offset (the extension flag and any extensions).</summary>
    public byte[] Extensions { get; }
#pragma warning restore CA1819

    /// <summary>The size of each axis (the header's dim[1..dim[0]]).</summary>
    public IReadOnlyList<int> Dimensions => Header.Dimensions;

    /// <summary>Voxel spacing along x, y, z (pixdim[1..3]).</summary>
    public (float X, float Y, float Z) Spacing => (Header.PixDim[1], Header.PixDim[2], Header.PixDim[3]);

    /// <summary>The same header and extensions with other values (of the same count), e.g. a stylised volume.</summary>
    public NiftiImage WithValues(float[] values) => new(Header, values, Extensions);
}

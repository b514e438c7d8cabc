using System.Buffers.Binary;

namespace MlNetFaces.Volumes;

/// <summary>
/// The 348-byte NIfTI-1 header, kept as the file's own bytes (in its own byte order) so that everything a writer does not
/// change (dims, pixdim, qform/sform, units, descriptions, intent) is preserved exactly; typed accessors for the fields used.
/// </summary>
public sealed class NiftiHeader
{
    /// <summary>The header's length in bytes (<c>sizeof_hdr</c>); the data of a single file starts at <see cref="VoxOffset"/>, at least 352.</summary>
    public const int Size = 348;

    private readonly byte[] bytes;

    internal NiftiHeader(byte[] bytes, bool bigEndian)
    {
        this.bytes = bytes;
        BigEndian = bigEndian;
    }

    /// <summary>
    /// A little-endian single-file header for <paramref name="dimensions"/> (1 to 7 axes) with voxel
    /// <paramref name="spacing"/> (mm, one per axis, missing ones 1) and, when given, a 3×4 sform (row-major, code 1, "scanner").
    /// </summary>
    public static NiftiHeader Create(IReadOnlyList<int> dimensions, IReadOnlyList<float> spacing, NiftiDataType dataType, IReadOnlyList<double>? sform = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(spacing);
        if (dimensions.Count is < 1 or > 7 || dimensions.Any(d => d is < 1 or > short.MaxValue))
        {
            throw new ArgumentException("NIfTI-1 holds 1 to 7 axes of 1 to 32767 voxels.", nameof(dimensions));
        }

        var header = new NiftiHeader(new byte[Size], bigEndian: false);
        BinaryPrimitives.WriteInt32LittleEndian(header.bytes, Size);
        header.SetInt16(40, (short)dimensions.Count);
        for (var i = 0; i < 7; i++)
        {
            header.SetInt16(42 + (2 * i), (short)(i < dimensions.Count ? dimensions[i] : 1));
            header.SetSingle(80 + (4 * i), i < spacing.Count ? spacing[i] : 1f);
        }

        header.SetSingle(76, 1f); // qfac
        header.bytes[123] = 10; // xyzt_units: mm, s
        if (sform is not null)
        {
            if (sform.Count != 12)
            {
                throw new ArgumentException("The sform has 12 numbers (3 rows of 4).", nameof(sform));
            }

            header.SetInt16(254, 1);
            for (var i = 0; i < 12; i++)
            {
                header.SetSingle(280 + (4 * i), (float)sform[i]);
            }
        }

        return header.ForWriting(dataType, Size + 4, 1f, 0f);
    }

    /// <summary>Whether the file is big-endian (every field is read in the file's own byte order).</summary>
    public bool BigEndian { get; }

    /// <summary>dim[1..dim[0]]: the size of each axis.</summary>
    public IReadOnlyList<int> Dimensions => Enumerable.Range(1, Int16(40)).Select(i => (int)Int16(40 + (2 * i))).ToList();

    /// <summary>How the voxels are stored (<c>datatype</c>).</summary>
    public NiftiDataType DataType => (NiftiDataType)Int16(70);

    /// <summary>pixdim[0..7] (pixdim[0] is qfac; pixdim[1..3] the voxel spacing).</summary>
    public IReadOnlyList<float> PixDim => Enumerable.Range(0, 8).Select(i => Single(76 + (4 * i))).ToList();

    /// <summary>The byte offset of the voxel data in a single <c>.nii</c> file (<c>vox_offset</c>).</summary>
    public float VoxOffset => Single(108);

    /// <summary>The intensity scale (<c>scl_slope</c>): value = stored · slope + inter; 0 means no scaling.</summary>
    public float SclSlope => Single(112);

    /// <summary>The intensity offset (<c>scl_inter</c>), used with <see cref="SclSlope"/>.</summary>
    public float SclInter => Single(116);

    /// <summary>What the quaternion transform means (<c>qform_code</c>); 0 when it is not set.</summary>
    public short QFormCode => Int16(252);

    /// <summary>What the affine sform means (<c>sform_code</c>); 0 when it is not set.</summary>
    public short SFormCode => Int16(254);

    /// <summary>The magic string: <c>n+1</c> for a single file, <c>ni1</c> for a header/image pair.</summary>
    public string Magic => System.Text.Encoding.ASCII.GetString(bytes, 344, 3);

    /// <summary>
    /// The voxel-to-world 4×4 affine (row-major): the sform when its code is set, else the qform (quaternion, pixdim,
    /// qfac), else the voxel spacing on the diagonal.
    /// </summary>
    public double[] Affine()
    {
        if (SFormCode > 0)
        {
            return [.. Enumerable.Range(0, 12).Select(i => (double)Single(280 + (4 * i))), 0, 0, 0, 1];
        }

        var p = PixDim;
        if (QFormCode > 0)
        {
            double b = Single(256), c = Single(260), d = Single(264);
            var a = Math.Sqrt(Math.Max(0, 1 - ((b * b) + (c * c) + (d * d))));
            var qfac = p[0] < 0 ? -1.0 : 1.0;
            double[,] r =
            {
                { (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)) },
                { 2 * ((b * c) + (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) - (a * b)) },
                { 2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) + (d * d) - (c * c) - (b * b) },
            };
            double[] scale = [p[1], p[2], qfac * p[3]];
            double[] offset = [Single(268), Single(272), Single(276)];
            var m = new double[16];
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    m[(4 * i) + j] = r[i, j] * scale[j];
                }

                m[(4 * i) + 3] = offset[i];
            }

            m[15] = 1;
            return m;
        }

        return [p[1], 0, 0, 0, 0, p[2], 0, 0, 0, 0, p[3], 0, 0, 0, 0, 1];
    }

    /// <summary>A copy of the raw bytes (in the file's byte order).</summary>
    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>A copy with the storage fields a writer sets: datatype, bitpix, vox_offset, scl_slope/inter, magic "n+1".</summary>
    internal NiftiHeader ForWriting(NiftiDataType type, float voxOffset, float slope, float inter)
    {
        var copy = new NiftiHeader(ToArray(), BigEndian);
        copy.SetInt16(70, (short)type);
        copy.SetInt16(72, (short)(8 * NiftiSamples.BytesPer(type)));
        copy.SetSingle(108, voxOffset);
        copy.SetSingle(112, slope);
        copy.SetSingle(116, inter);
        "n+1\0"u8.CopyTo(copy.bytes.AsSpan(344));
        return copy;
    }

    internal short Int16(int offset) => BigEndian
        ? BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(offset))
        : BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset));

    internal int Int32(int offset) => BigEndian
        ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset))
        : BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));

    internal float Single(int offset) => BigEndian
        ? BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(offset))
        : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));

    private void SetInt16(int offset, short value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(offset), value);
        }
    }

    private void SetSingle(int offset, float value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);
        }
    }
}

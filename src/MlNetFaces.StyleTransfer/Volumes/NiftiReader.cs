using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetFaces.Volumes;

/// <summary>
/// Reads single-file NIfTI-1 (<c>.nii</c>, and <c>.nii.gz</c> through <see cref="GZipStream"/>), either byte order,
/// datatypes uint8/int8/int16/uint16/int32/float32/float64, applying scl_slope/scl_inter. Anything else (NIfTI-2,
/// .hdr/.img pairs, other datatypes, truncated files) is a <see cref="NiftiFormatException"/> that says what is wrong.
/// </summary>
public static class NiftiReader
{
    public static NiftiImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Read(Load(path));
        }
        catch (NiftiFormatException ex)
        {
            throw new NiftiFormatException($"{path}: {ex.Message}", ex);
        }
    }

    public static NiftiImage Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < NiftiHeader.Size)
        {
            throw new NiftiFormatException($"truncated NIfTI header: {file.Length} bytes, a NIfTI-1 header has {NiftiHeader.Size}.");
        }

        var bigEndian = BinaryPrimitives.ReadInt32LittleEndian(file) switch
        {
            NiftiHeader.Size => false,
            _ when BinaryPrimitives.ReadInt32BigEndian(file) == NiftiHeader.Size => true,
            540 => throw new NiftiFormatException("this is NIfTI-2 (540-byte header); only NIfTI-1 is supported."),
            var other => throw new NiftiFormatException($"not a NIfTI-1 file (sizeof_hdr is {other}, expected 348)."),
        };
        var header = new NiftiHeader(file[..NiftiHeader.Size], bigEndian);
        if (header.Magic == "ni1")
        {
            throw new NiftiFormatException("a two-file NIfTI (.hdr/.img) is not supported: convert it to a single .nii.");
        }

        if (header.Magic != "n+1")
        {
            throw new NiftiFormatException($"bad NIfTI-1 magic '{header.Magic}' (expected 'n+1').");
        }

        var rank = header.Int16(40);
        if (rank is < 1 or > 7 || header.Dimensions.Any(d => d < 1))
        {
            throw new NiftiFormatException($"invalid dims: dim[0] = {rank}, sizes [{string.Join(',', header.Dimensions)}].");
        }

        if (!Enum.IsDefined(header.DataType))
        {
            throw new NiftiFormatException(
                $"unsupported NIfTI datatype {(short)header.DataType}: use uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256) or uint16 (512).");
        }

        var offset = (long)header.VoxOffset;
        var width = NiftiSamples.BytesPer(header.DataType);
        var count = header.Dimensions.Aggregate(1L, (a, b) => a * b);
        if (offset < NiftiHeader.Size || offset + (count * width) > file.Length)
        {
            throw new NiftiFormatException(
                $"truncated NIfTI data: {count} voxels of {width} bytes from offset {offset} need {offset + (count * width)} bytes, the file has {file.Length}.");
        }

        if (count > int.MaxValue)
        {
            throw new NiftiFormatException($"{count} voxels are more than this reader holds in memory.");
        }

        var slope = header.SclSlope;
        var scaled = slope != 0 && float.IsFinite(slope);
        var inter = scaled ? header.SclInter : 0f;
        var values = new float[count];
        var data = file.AsSpan((int)offset);
        for (var i = 0; i < values.Length; i++)
        {
            var stored = NiftiSamples.Read(data.Slice(i * width, width), header.DataType, bigEndian);
            values[i] = (float)(scaled ? (stored * slope) + inter : stored);
        }

        return new NiftiImage(header, values, file[NiftiHeader.Size..(int)offset]);
    }

    private static byte[] Load(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadAllBytes(path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        try
        {
            gzip.CopyTo(memory);
        }
        catch (InvalidDataException ex)
        {
            throw new NiftiFormatException($"not a valid gzip stream ({ex.Message}).", ex);
        }

        return memory.ToArray();
    }
}

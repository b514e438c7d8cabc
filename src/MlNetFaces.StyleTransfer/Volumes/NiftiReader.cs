using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Volumes;

/// <summary>
/// Reads single-file NIfTI-1 (<c>.nii</c>, and <c>.nii.gz</c> through <see cref="GZipStream"/>), either byte order,
/// datatypes uint8/int8/int16/uint16/int32/float32/float64, applying scl_slope/scl_inter. Anything else (NIfTI-2,
/// .hdr/.img pairs, other datatypes, truncated files) is a <see cref="NiftiFormatException"/> that says what is wrong.
/// </summary>
public static class NiftiReader
{
    /// <summary>The largest header extension block read (between the 348-byte header and the voxels): 16 MiB.</summary>
    public const int MaxExtensionBytes = 16 << 20;

    /// <summary>Reads a <c>.nii</c> or <c>.nii.gz</c> file of any size this reader holds (under 2³¹ voxels).</summary>
    public static NiftiImage Read(string path) => Read(path, int.MaxValue);

    /// <summary>
    /// Reads a <c>.nii</c> or <c>.nii.gz</c> file, refusing (<see cref="StyleLimitException"/>) one whose header declares
    /// more than <paramref name="maxVoxels"/> voxels before any voxel is read or inflated; only the bytes the header
    /// declares are inflated, so a small file that expands without end cannot exhaust memory.
    /// </summary>
    public static NiftiImage Read(string path, long maxVoxels)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new NiftiFormatException($"{path}: is a folder, not a NIfTI file.");
        }

        if (!File.Exists(path))
        {
            throw new NiftiFormatException($"{path}: file not found.");
        }

        try
        {
            using var file = File.OpenRead(path);
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return Read(file, maxVoxels, file.Length);
            }

            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Read(gzip, maxVoxels, null);
        }
        catch (StyleLimitException ex)
        {
            throw new StyleLimitException($"{path}: {ex.Message}", ex);
        }
        catch (InputLimitException ex)
        {
            throw new InputLimitException($"{path}: {ex.Message}", ex);
        }
        catch (NiftiFormatException ex)
        {
            throw new NiftiFormatException($"{path}: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new NiftiFormatException($"{path}: not a valid gzip stream ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads a whole NIfTI-1 file held in memory.</summary>
    public static NiftiImage Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = new MemoryStream(file, writable: false);
        return Read(stream, int.MaxValue, file.Length);
    }

    private static NiftiImage Read(Stream stream, long maxVoxels, long? length)
    {
        var first = new byte[NiftiHeader.Size];
        var got = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
        if (got < NiftiHeader.Size)
        {
            throw new NiftiFormatException($"truncated NIfTI header: {got} bytes, a NIfTI-1 header has {NiftiHeader.Size}.");
        }

        var (header, bigEndian) = ParseHeader(first);
        var width = NiftiSamples.BytesPer(header.DataType);
        var count = header.Dimensions.Aggregate(1L, (a, b) => a * b);
        if (count > maxVoxels)
        {
            throw new StyleLimitException(nameof(VolumeStyleOptions.MaxVoxels), string.Create(
                CultureInfo.InvariantCulture,
                $"{string.Join('×', header.Dimensions)} = {count:N0} voxels, over the limit of {maxVoxels:N0} (reading alone needs {count * (width + 4) / 1e9:0.0} GB): crop or downsample it, or raise the voxel limit."));
        }

        if (count > int.MaxValue)
        {
            throw new InputLimitException($"{count} voxels are more than this reader holds in memory.");
        }

        var offset = header.VoxOffset;
        if (!(offset >= NiftiHeader.Size) || offset > NiftiHeader.Size + MaxExtensionBytes)
        {
            throw new NiftiFormatException(string.Create(CultureInfo.InvariantCulture, $"invalid vox_offset {offset}: the voxels must start between byte {NiftiHeader.Size} and {NiftiHeader.Size + MaxExtensionBytes}."));
        }

        var start = (int)offset;
        var need = start + (count * width);
        if (length is { } known && need > known)
        {
            throw new NiftiFormatException($"truncated NIfTI data: {count} voxels of {width} bytes from offset {start} need {need} bytes, the file has {known}.");
        }

        var extensions = new byte[start - NiftiHeader.Size];
        var data = new byte[count * width];
        var read = stream.ReadAtLeast(extensions, extensions.Length, throwOnEndOfStream: false);
        read += read == extensions.Length ? stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) : 0;
        if (read < extensions.Length + data.Length)
        {
            throw new NiftiFormatException($"truncated NIfTI data: {count} voxels of {width} bytes from offset {start} need {need} bytes, the file has {NiftiHeader.Size + read}.");
        }

        var slope = header.SclSlope;
        var scaled = slope != 0 && float.IsFinite(slope);
        var inter = scaled ? header.SclInter : 0f;
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            var stored = NiftiSamples.Read(data.AsSpan(i * width, width), header.DataType, bigEndian);
            values[i] = (float)(scaled ? (stored * slope) + inter : stored);
        }

        RequireFinite(values, header.Dimensions);
        return new NiftiImage(header, values, extensions);
    }

    private static (NiftiHeader Header, bool BigEndian) ParseHeader(byte[] first)
    {
        var bigEndian = BinaryPrimitives.ReadInt32LittleEndian(first) switch
        {
            NiftiHeader.Size => false,
            _ when BinaryPrimitives.ReadInt32BigEndian(first) == NiftiHeader.Size => true,
            540 => throw new NiftiFormatException("this is NIfTI-2 (540-byte header); only NIfTI-1 is supported."),
            var other => throw new NiftiFormatException($"not a NIfTI-1 file (sizeof_hdr is {other}, expected 348)."),
        };
        var header = new NiftiHeader(first, bigEndian);
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

        return (header, bigEndian);
    }

    /// <summary>NaN or infinite voxels (after scaling) are refused with their count and the first one's position.</summary>
    private static void RequireFinite(float[] values, IReadOnlyList<int> dims)
    {
        var first = Array.FindIndex(values, v => !float.IsFinite(v));
        if (first < 0)
        {
            return;
        }

        var bad = values.Count(v => !float.IsFinite(v));
        var position = new List<long>();
        long rest = first;
        foreach (var d in dims)
        {
            position.Add(rest % d);
            rest /= d;
        }

        throw new NiftiFormatException(string.Create(
            CultureInfo.InvariantCulture,
            $"{bad:N0} voxel(s) are NaN or infinite, the first ({values[first]}) at voxel [{string.Join(',', position)}] (index {first}); only finite values can be stylised."));
    }
}

using System.IO.Compression;
using MlNetFaces.IO;

namespace MlNetFaces.Volumes;

/// <summary>
/// Writes single-file NIfTI-1 (<c>.nii</c>, or gzip-compressed when the path ends in <c>.gz</c>) in the header's own
/// byte order: the header is the image's, byte for byte, except datatype/bitpix/vox_offset/scl and the "n+1" magic.
/// Integer datatypes are written rounded and clamped to their range, through the header's scl_slope/scl_inter.
/// </summary>
public static class NiftiWriter
{
    /// <summary>Writes <paramref name="image"/> in <paramref name="dataType"/> (null: the header's own datatype).</summary>
    public static void Write(string path, NiftiImage image, NiftiDataType? dataType = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        WriteEncoded(path, Encode(image, dataType));
    }

    /// <summary>Writes a file <see cref="Encode"/> made (or any bytes), atomically, gzip-compressed when the path ends in <c>.gz</c>.</summary>
    internal static void WriteEncoded(string path, byte[] bytes)
    {
        AtomicFile.Write(path, file =>
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                gzip.Write(bytes);
            }
            else
            {
                file.Write(bytes);
            }
        });
    }

    /// <summary>The bytes of an uncompressed single-file NIfTI-1 holding <paramref name="image"/>.</summary>
    /// <param name="image">The header, extensions and values to write.</param>
    /// <param name="dataType">The stored datatype; null for the header's own.</param>
    public static byte[] Encode(NiftiImage image, NiftiDataType? dataType = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var type = dataType ?? image.Header.DataType;
        var isFloat = type is NiftiDataType.Float32 or NiftiDataType.Float64;
        var slope = image.Header.SclSlope;
        var keepScale = !isFloat && slope != 0 && float.IsFinite(slope);
        var (writeSlope, writeInter) = keepScale ? (slope, image.Header.SclInter) : (isFloat ? 0f : 1f, 0f);
        var extensions = image.Extensions.Length >= 4 ? image.Extensions : [0, 0, 0, 0];
        var voxOffset = NiftiHeader.Size + extensions.Length;
        var header = image.Header.ForWriting(type, voxOffset, writeSlope, writeInter);
        var width = NiftiSamples.BytesPer(type);
        var bytes = new byte[voxOffset + ((long)image.Values.Length * width)];
        header.ToArray().CopyTo(bytes, 0);
        extensions.CopyTo(bytes, NiftiHeader.Size);
        var data = bytes.AsSpan(voxOffset);
        for (var i = 0; i < image.Values.Length; i++)
        {
            var stored = keepScale ? (image.Values[i] - writeInter) / (double)writeSlope : image.Values[i];
            NiftiSamples.Write(stored, data.Slice(i * width, width), type, header.BigEndian);
        }

        return bytes;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetFaces.Tests.Volumes;

/// <summary>
/// An independent reader of the fields a NIfTI-1 consumer relies on, written from the standard's byte offsets and
/// sharing no code with MlNetFaces.Volumes (little-endian files only).
/// </summary>
internal sealed record HandNiftiHeader(short[] Dim, short DataType, short BitPix, float[] PixDim, float VoxOffset, float SclSlope, float SclInter, short QFormCode, short SFormCode, float[] SRow, string Magic)
{
    public static byte[] FileBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    public static HandNiftiHeader Parse(byte[] b)
    {
        Assert.Equal(348, BinaryPrimitives.ReadInt32LittleEndian(b));
        short I16(int o) => BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(o));
        float F32(int o) => BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(o));
        return new HandNiftiHeader(
            Enumerable.Range(0, 8).Select(i => I16(40 + (2 * i))).ToArray(),
            I16(70),
            I16(72),
            Enumerable.Range(0, 8).Select(i => F32(76 + (4 * i))).ToArray(),
            F32(108),
            F32(112),
            F32(116),
            I16(252),
            I16(254),
            Enumerable.Range(0, 12).Select(i => F32(280 + (4 * i))).ToArray(),
            System.Text.Encoding.ASCII.GetString(b, 344, 4));
    }
}

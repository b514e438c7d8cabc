using System.Buffers.Binary;

namespace MlNetFaces.Volumes;

/// <summary>One stored voxel value to and from its bytes, in either byte order.</summary>
internal static class NiftiSamples
{
    public static int BytesPer(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
        NiftiDataType.Float64 => 8,
        _ => 4,
    };

    public static double Read(ReadOnlySpan<byte> b, NiftiDataType type, bool bigEndian) => type switch
    {
        NiftiDataType.UInt8 => b[0],
        NiftiDataType.Int8 => (sbyte)b[0],
        NiftiDataType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        NiftiDataType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        NiftiDataType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        NiftiDataType.Float32 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        _ => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    /// <summary>Writes <paramref name="stored"/>, rounded and clamped to the type's range for integer types.</summary>
    public static void Write(double stored, Span<byte> b, NiftiDataType type, bool bigEndian)
    {
        static double Int(double v, double min, double max) => double.IsNaN(v) ? 0 : Math.Clamp(Math.Round(v), min, max);
        switch (type)
        {
            case NiftiDataType.UInt8:
                b[0] = (byte)Int(stored, byte.MinValue, byte.MaxValue);
                break;
            case NiftiDataType.Int8:
                b[0] = (byte)(sbyte)Int(stored, sbyte.MinValue, sbyte.MaxValue);
                break;
            case NiftiDataType.Int16:
                var s = (short)Int(stored, short.MinValue, short.MaxValue);
                _ = bigEndian ? BinaryPrimitives.TryWriteInt16BigEndian(b, s) : BinaryPrimitives.TryWriteInt16LittleEndian(b, s);
                break;
            case NiftiDataType.UInt16:
                var u = (ushort)Int(stored, ushort.MinValue, ushort.MaxValue);
                _ = bigEndian ? BinaryPrimitives.TryWriteUInt16BigEndian(b, u) : BinaryPrimitives.TryWriteUInt16LittleEndian(b, u);
                break;
            case NiftiDataType.Int32:
                var i = (int)Int(stored, int.MinValue, int.MaxValue);
                _ = bigEndian ? BinaryPrimitives.TryWriteInt32BigEndian(b, i) : BinaryPrimitives.TryWriteInt32LittleEndian(b, i);
                break;
            case NiftiDataType.Float32:
                _ = bigEndian ? BinaryPrimitives.TryWriteSingleBigEndian(b, (float)stored) : BinaryPrimitives.TryWriteSingleLittleEndian(b, (float)stored);
                break;
            default:
                _ = bigEndian ? BinaryPrimitives.TryWriteDoubleBigEndian(b, stored) : BinaryPrimitives.TryWriteDoubleLittleEndian(b, stored);
                break;
        }
    }
}

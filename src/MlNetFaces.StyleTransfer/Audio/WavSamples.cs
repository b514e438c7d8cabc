using System.Buffers.Binary;

namespace MlNetFaces.Audio;

/// <summary>One sample to and from its stored bytes (little-endian), as −1..1 floats.</summary>
internal static class WavSamples
{
    public static int BytesPerSample(WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => 1,
        WavSampleFormat.Pcm16 => 2,
        WavSampleFormat.Pcm24 => 3,
        WavSampleFormat.IeeeFloat64 => 8,
        _ => 4,
    };

    public static float Decode(ReadOnlySpan<byte> b, WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => (b[0] - 128) / 128f,
        WavSampleFormat.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
        WavSampleFormat.Pcm24 => (((b[2] << 24) | (b[1] << 16) | (b[0] << 8)) >> 8) / 8388608f,
        WavSampleFormat.Pcm32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648.0),
        WavSampleFormat.IeeeFloat32 => BinaryPrimitives.ReadSingleLittleEndian(b),
        _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    public static void Encode(float value, Span<byte> b, WavSampleFormat format)
    {
        var v = Math.Clamp((double)value, -1.0, 1.0);
        switch (format)
        {
            case WavSampleFormat.Pcm8:
                b[0] = (byte)Math.Clamp(Math.Round(v * 128) + 128, 0, 255);
                break;
            case WavSampleFormat.Pcm16:
                BinaryPrimitives.WriteInt16LittleEndian(b, (short)Math.Clamp(Math.Round(v * 32768), short.MinValue, short.MaxValue));
                break;
            case WavSampleFormat.Pcm24:
                var i24 = (int)Math.Clamp(Math.Round(v * 8388608), -8388608, 8388607);
                b[0] = (byte)i24;
                b[1] = (byte)(i24 >> 8);
                b[2] = (byte)(i24 >> 16);
                break;
            case WavSampleFormat.Pcm32:
                BinaryPrimitives.WriteInt32LittleEndian(b, (int)Math.Clamp(Math.Round(v * 2147483648.0), int.MinValue, int.MaxValue));
                break;
            case WavSampleFormat.IeeeFloat32:
                BinaryPrimitives.WriteSingleLittleEndian(b, value);
                break;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(b, value);
                break;
        }
    }
}

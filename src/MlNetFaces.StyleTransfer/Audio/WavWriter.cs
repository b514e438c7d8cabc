using System.Buffers.Binary;
using MlNetFaces.IO;

namespace MlNetFaces.Audio;

/// <summary>Writes canonical 44-byte-header RIFF/WAVE files (PCM, or IEEE float for the float formats); PCM clips to −1..1.</summary>
public static class WavWriter
{
    /// <summary>Writes <paramref name="audio"/> as a WAV file, replacing any file at <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="audio">The samples.</param>
    /// <param name="format">How samples are stored (default 16-bit PCM).</param>
    public static void Write(string path, WavAudio audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Encode(audio, format);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The bytes of a WAV file holding <paramref name="audio"/>.</summary>
    /// <param name="audio">The samples.</param>
    /// <param name="format">How samples are stored (default 16-bit PCM).</param>
    public static byte[] Encode(WavAudio audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var width = WavSamples.BytesPerSample(format);
        var channels = audio.Channels.Count;
        var dataBytes = (long)audio.Length * channels * width;
        if (dataBytes > uint.MaxValue - 44)
        {
            throw new ArgumentException($"{dataBytes} bytes of samples do not fit in a RIFF file (4 GiB).", nameof(audio));
        }

        var pad = dataBytes & 1; // RIFF chunks are padded to an even size
        var bytes = new byte[44 + dataBytes + pad];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + dataBytes + pad));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], (ushort)(format is WavSampleFormat.IeeeFloat32 or WavSampleFormat.IeeeFloat64 ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], audio.SampleRate * channels * width);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)(channels * width));
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], (ushort)(8 * width));
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)dataBytes);
        var offset = 44;
        for (var i = 0; i < audio.Length; i++)
        {
            for (var c = 0; c < channels; c++, offset += width)
            {
                WavSamples.Encode(audio.Channels[c][i], s.Slice(offset, width), format);
            }
        }

        return bytes;
    }
}

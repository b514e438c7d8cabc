using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MlNetFaces.Audio;

/// <summary>
/// Reads RIFF/WAVE files: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit, any number of channels, also
/// in WAVE_FORMAT_EXTENSIBLE. Anything else (compressed formats, truncated files, no samples) is a <see cref="WavFormatException"/>.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>The highest sample rate read: 768 kHz, the highest any audio interface records at.</summary>
    public const int MaxSampleRate = 768_000;

    public static WavAudio Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new WavFormatException($"{path}: is a folder, not a WAV file.");
        }

        if (!File.Exists(path))
        {
            throw new WavFormatException($"{path}: file not found.");
        }

        try
        {
            return Read(File.ReadAllBytes(path));
        }
        catch (WavFormatException ex)
        {
            throw new WavFormatException($"{path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new WavFormatException($"{path}: cannot be read ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    public static WavAudio Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException(bytes.Length < 12 ? "truncated WAV header (under 12 bytes)." : "not a RIFF/WAVE file.");
        }

        (WavSampleFormat Format, int Channels, int Rate)? fmt = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes.Slice(offset, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var body = offset + 8;
            if (size > bytes.Length - body)
            {
                throw new WavFormatException($"truncated WAV: the '{id}' chunk declares {size} bytes but only {bytes.Length - body} remain.");
            }

            var chunk = bytes.Slice(body, (int)size);
            if (id == "fmt ")
            {
                fmt = ParseFormat(chunk);
            }
            else if (id == "data")
            {
                var (format, channels, rate) = fmt ?? throw new WavFormatException("the 'data' chunk comes before any 'fmt ' chunk.");
                return Decode(chunk, format, channels, rate);
            }

            offset = body + (int)size + (int)(size & 1);
        }

        throw new WavFormatException(fmt is null ? "truncated WAV header: no 'fmt ' chunk." : "no 'data' chunk.");
    }

    private static (WavSampleFormat Format, int Channels, int Rate) ParseFormat(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
        {
            throw new WavFormatException($"truncated WAV header: the 'fmt ' chunk has {chunk.Length} bytes, expected at least 16.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == FormatExtensible)
        {
            if (chunk.Length < 26)
            {
                throw new WavFormatException("truncated WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk.");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]); // the first two bytes of the sub-format GUID
        }

        if (channels == 0 || rate == 0 || rate > MaxSampleRate)
        {
            throw new WavFormatException($"invalid WAV format: {channels} channels at {rate} Hz (a rate from 1 to {MaxSampleRate} Hz is read).");
        }

        WavSampleFormat? format = (tag, bits) switch
        {
            (FormatPcm, 8) => WavSampleFormat.Pcm8,
            (FormatPcm, 16) => WavSampleFormat.Pcm16,
            (FormatPcm, 24) => WavSampleFormat.Pcm24,
            (FormatPcm, 32) => WavSampleFormat.Pcm32,
            (FormatFloat, 32) => WavSampleFormat.IeeeFloat32,
            (FormatFloat, 64) => WavSampleFormat.IeeeFloat64,
            _ => null,
        };
        return format is { } f
            ? (f, channels, (int)rate)
            : throw new WavFormatException($"unsupported WAV encoding (format tag {tag}, {bits} bits): use PCM 8/16/24/32-bit or IEEE float 32/64-bit.");
    }

    private static WavAudio Decode(ReadOnlySpan<byte> data, WavSampleFormat format, int channelCount, int rate)
    {
        var width = WavSamples.BytesPerSample(format);
        var frames = data.Length / (width * channelCount);
        if (frames == 0)
        {
            throw new WavFormatException("the WAV file holds no samples (zero-length audio).");
        }

        var channels = Enumerable.Range(0, channelCount).Select(_ => new float[frames]).ToArray();
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channelCount; c++)
            {
                channels[c][i] = WavSamples.Decode(data.Slice(((i * channelCount) + c) * width, width), format);
            }
        }

        RequireFinite(channels);
        return new WavAudio(rate, channels);
    }

    /// <summary>NaN or infinite samples (IEEE float files) are refused with their count and the first one's position.</summary>
    private static void RequireFinite(float[][] channels)
    {
        long bad = 0;
        (int Frame, int Channel, float Value)? first = null;
        for (var c = 0; c < channels.Length; c++)
        {
            var samples = channels[c];
            for (var i = 0; i < samples.Length; i++)
            {
                if (!float.IsFinite(samples[i]))
                {
                    bad++;
                    if (first is null || i < first.Value.Frame)
                    {
                        first = (i, c, samples[i]);
                    }
                }
            }
        }

        if (first is { } f)
        {
            throw new WavFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{bad:N0} sample(s) are NaN or infinite, the first ({f.Value}) at frame {f.Frame} (channel {f.Channel}); only finite samples can be used."));
        }
    }
}

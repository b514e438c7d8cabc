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

    /// <summary>
    /// Reads the WAV file at <paramref name="path"/> as a stream: chunks other than <c>fmt </c> and <c>data</c> are
    /// skipped, samples are decoded block by block, and with <paramref name="maxSeconds"/> only that much audio is read
    /// from the start (a long recording costs no more than the part used).
    /// </summary>
    public static WavAudio Read(string path, double? maxSeconds = null)
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
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, maxSeconds);
        }
        catch (WavFormatException ex)
        {
            throw new WavFormatException($"{path}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WavFormatException($"{path}: cannot be read ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    /// <summary>Reads a whole WAV file held in memory.</summary>
    public static WavAudio Read(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, null);
    }

    /// <summary>Reads a WAV file from a seekable <paramref name="stream"/>, at most <paramref name="maxSeconds"/> of it when given.</summary>
    public static WavAudio Read(Stream stream, double? maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (maxSeconds is { } m && !(m > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSeconds), $"maxSeconds must be positive, got {m}.");
        }

        Span<byte> header = stackalloc byte[12];
        var got = stream.ReadAtLeast(header, 12, throwOnEndOfStream: false);
        if (got < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException(got < 12 ? "truncated WAV header (under 12 bytes)." : "not a RIFF/WAVE file.");
        }

        (WavSampleFormat Format, int Channels, int Rate)? fmt = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) == 8)
        {
            var id = Encoding.ASCII.GetString(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var remaining = stream.Length - stream.Position;
            if (size > remaining)
            {
                throw new WavFormatException($"truncated WAV: the '{id}' chunk declares {size} bytes but only {remaining} remain.");
            }

            if (id == "fmt ")
            {
                var body = new byte[Math.Min(size, 1024)]; // 16 to 40 bytes in practice; the rest is skipped
                stream.ReadExactly(body);
                stream.Seek(size - body.Length, SeekOrigin.Current);
                fmt = ParseFormat(body);
            }
            else if (id == "data")
            {
                var (format, channels, rate) = fmt ?? throw new WavFormatException("the 'data' chunk comes before any 'fmt ' chunk.");
                return Decode(stream, size, format, channels, rate, maxSeconds);
            }
            else
            {
                stream.Seek(size, SeekOrigin.Current);
            }

            if ((size & 1) == 1 && stream.Position < stream.Length)
            {
                stream.Seek(1, SeekOrigin.Current); // chunks are padded to an even length
            }
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

    private static WavAudio Decode(Stream stream, uint dataBytes, WavSampleFormat format, int channelCount, int rate, double? maxSeconds)
    {
        var width = WavSamples.BytesPerSample(format);
        var frameBytes = width * channelCount;
        var frames = dataBytes / frameBytes;
        if (frames == 0)
        {
            throw new WavFormatException("the WAV file holds no samples (zero-length audio).");
        }

        if (maxSeconds is { } seconds)
        {
            frames = (long)Math.Min(frames, Math.Ceiling(seconds * rate));
        }

        if (frames * channelCount > Array.MaxLength)
        {
            throw new InputLimitException(string.Create(CultureInfo.InvariantCulture, $"{frames:N0} frames of {channelCount} channel(s) are more than one array holds; read fewer seconds."));
        }

        var channels = Enumerable.Range(0, channelCount).Select(_ => new float[frames]).ToArray();
        const int BlockFrames = 16_384;
        var block = new byte[BlockFrames * frameBytes];
        for (var start = 0L; start < frames; start += BlockFrames)
        {
            var n = (int)Math.Min(BlockFrames, frames - start);
            var bytes = block.AsSpan(0, n * frameBytes);
            stream.ReadExactly(bytes);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < channelCount; c++)
                {
                    channels[c][start + i] = WavSamples.Decode(bytes.Slice(((i * channelCount) + c) * width, width), format);
                }
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

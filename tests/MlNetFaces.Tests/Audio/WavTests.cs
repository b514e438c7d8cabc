using System.Buffers.Binary;
using MlNetFaces.Audio;

namespace MlNetFaces.Tests.Audio;

/// <summary>WAV read/write round trips, stereo → mono, resampling and clear errors, on synthetic audio.</summary>
public sealed class WavTests
{
    public static TheoryData<WavSampleFormat, double> Formats => new()
    {
        { WavSampleFormat.Pcm8, 1.0 / 128 },
        { WavSampleFormat.Pcm16, 1.0 / 32768 },
        { WavSampleFormat.Pcm24, 1.0 / 8388608 },
        { WavSampleFormat.Pcm32, 1e-7 },
        { WavSampleFormat.IeeeFloat32, 0 },
        { WavSampleFormat.IeeeFloat64, 0 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void RoundTripsEveryEncodingInStereoWithAnOddLength(WavSampleFormat format, double tolerance)
    {
        var left = SyntheticAudio.Tone(440, 8000, 1001, amplitude: 0.9);
        var right = SyntheticAudio.Noise(1001, seed: 1);
        var audio = new WavAudio(8000, [left, right]);
        var bytes = WavWriter.Encode(audio, format);
        Assert.Equal(0, bytes.Length % 2);
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        var back = WavReader.Read(bytes);
        Assert.Equal(8000, back.SampleRate);
        Assert.Equal(2, back.Channels.Count);
        Assert.Equal(1001, back.Length);
        for (var c = 0; c < 2; c++)
        {
            var maxError = audio.Channels[c].Zip(back.Channels[c], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxError <= tolerance + 1e-9, $"{format}: max error {maxError}");
        }
    }

    [Fact]
    public void StereoBecomesTheMeanOfItsChannels()
    {
        var audio = new WavAudio(100, [[1f, 0.5f, -1f], [0f, 0.5f, 0f]]);
        Assert.Equal([0.5f, 0.5f, -0.5f], audio.ToMono().Channels.Single());
    }

    [Fact]
    public void ReadsWaveFormatExtensibleFloat()
    {
        var bytes = WavWriter.Encode(SyntheticAudio.Mono([0.25f, -0.5f], 16000), WavSampleFormat.IeeeFloat32).ToList();

        // Rewrite the 16-byte fmt chunk as a 40-byte WAVE_FORMAT_EXTENSIBLE one whose sub-format is IEEE float (3).
        var fmt = bytes.GetRange(20, 16).ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        var extensible = fmt.Concat(new byte[] { 22, 0, 32, 0, 4, 0, 0, 0, 3, 0 }).Concat(new byte[14]).ToArray();
        bytes.RemoveRange(20, 16);
        bytes.InsertRange(20, extensible);
        var file = bytes.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        Assert.Equal([0.25f, -0.5f], WavReader.Read(file).Channels.Single());
    }

    [Fact]
    public void ReadsOnlyTheSecondsAskedForPastOtherChunks()
    {
        // Stereo PCM-24, 3 s at 8 kHz (over several 16,384-frame blocks), with an odd-sized LIST chunk before the data.
        var left = SyntheticAudio.Tone(440, 8000, 24000);
        var audio = new WavAudio(8000, [left, left.Select(v => -v / 2).ToArray()]);
        var plain = WavWriter.Encode(audio, WavSampleFormat.Pcm24);
        byte[] list = [.. "LIST"u8, 3, 0, 0, 0, 1, 2, 3, 0];
        byte[] file = [.. plain[..36], .. list, .. plain[36..]];
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        var path = Path.Combine(Path.GetTempPath(), $"mlnetfaces-wav-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, file);
        try
        {
            var whole = WavReader.Read(path);
            Assert.Equal(24000, whole.Length);
            Assert.Equal(WavReader.Read(plain).Channels[1], whole.Channels[1]);

            var part = WavReader.Read(path, maxSeconds: 2.5);
            Assert.Equal(20000, part.Length);
            Assert.Equal(whole.Channels[0][..20000], part.Channels[0]);
            Assert.Equal(whole.Channels[1][..20000], part.Channels[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ResamplingKeepsPitchLevelAndDuration()
    {
        var tone = SyntheticAudio.Tone(1000, 44100, 44100);
        var down = Resampler.Resample(tone, 44100, 16000);
        Assert.Equal(16000, down.Length);
        Assert.Equal(Loudness.Rms(tone), Loudness.Rms(down.AsSpan(100, 15800)), 2);

        // Zero crossings per second of a 1 kHz tone: 2000.
        var crossings = Enumerable.Range(1, down.Length - 1).Count(i => Math.Sign(down[i]) != Math.Sign(down[i - 1]) && down[i] != 0);
        Assert.InRange(crossings, 1990, 2010);

        // Above the new Nyquist (8 kHz), a 12 kHz tone is filtered out rather than aliased.
        var high = Resampler.Resample(SyntheticAudio.Tone(12000, 44100, 44100), 44100, 16000);
        Assert.True(Loudness.Rms(high.AsSpan(200, 15600)) < 0.01 * Loudness.Rms(tone));
    }

    [Fact]
    public void BadFilesGetClearErrors()
    {
        var good = WavWriter.Encode(SyntheticAudio.Mono(SyntheticAudio.Tone(440, 8000, 100), 8000));
        Assert.Contains("truncated WAV header", Assert.Throws<WavFormatException>(() => WavReader.Read(good.AsSpan(0, 10))).Message, StringComparison.Ordinal);
        Assert.Contains("truncated WAV", Assert.Throws<WavFormatException>(() => WavReader.Read(good.AsSpan(0, 60))).Message, StringComparison.Ordinal);
        Assert.Contains("not a RIFF/WAVE", Assert.Throws<WavFormatException>(() => WavReader.Read("RIFF\0\0\0\0AVI LIST"u8)).Message, StringComparison.Ordinal);

        var adpcm = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(adpcm.AsSpan(20), 2);
        Assert.Contains("unsupported WAV encoding (format tag 2", Assert.Throws<WavFormatException>(() => WavReader.Read(adpcm)).Message, StringComparison.Ordinal);

        var empty = WavWriter.Encode(SyntheticAudio.Mono([0f], 8000))[..44];
        BinaryPrimitives.WriteInt32LittleEndian(empty.AsSpan(40), 0);
        Assert.Contains("zero-length", Assert.Throws<WavFormatException>(() => WavReader.Read(empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoudnessMatchesTheTargetUnderTheCeiling()
    {
        var tone = SyntheticAudio.Tone(100, 8000, 8000, amplitude: 0.1);
        Assert.Equal(0.2, Loudness.Rms(Loudness.Normalize(tone, 0.2)), 4);

        // A target that would clip is held at −0.1 dBFS peak.
        var loud = Loudness.Normalize(tone, 0.9);
        Assert.True(Loudness.Dbfs(Loudness.Peak(loud)) <= -0.1 + 1e-6);
        Assert.True(Loudness.Dbfs(Loudness.Peak(loud)) > -0.11);
    }
}

using System.Text.Json;
using MlNetFaces.Audio;
using MlNetFaces.Tests.Audio;
using MlNetFaces.Tests.Volumes;
using MlNetFaces.Volumes;

namespace MlNetFaces.Tests;

/// <summary><c>style audio</c> and <c>style volume</c> in a fresh process: the shared run JSON plus extras, exit code 2 on bad input.</summary>
public sealed class SignalStyleCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-signal-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void StyleAudioWritesAWavAndTheJsonContract()
    {
        var (content, style) = AudioPair();
        var output = dir.File("out.wav");
        var pictures = dir.File("pictures");
        var (code, stdout, stderr) = CliTests.Cli(
            "style", "audio", "--content", content, "--style", style, "--out", output, "--steps", "3", "--filters", "16",
            "--sample-rate", "8000", "--griffin-lim", "3", "--pictures", pictures, "--json");
        Assert.True(code == 0, stderr);
        var root = CheckStylizeJson(stdout, output, 3);
        Assert.Equal(8000, root.GetProperty("sample_rate").GetInt32());
        Assert.True(root.GetProperty("peak_dbfs").GetDouble() <= -0.1);
        Assert.True(root.TryGetProperty("envelope_correlation", out _));
        Assert.Equal(6000, WavReader.Read(output).Length);
        Assert.Equal(3, Directory.GetFiles(pictures, "*-spectrogram.png").Length);
    }

    [Fact]
    public void StyleVolumeKeepsTheHeaderAndWritesTheJsonContract()
    {
        var (content, style) = VolumePair();
        var output = dir.File("out.nii.gz");
        var slices = dir.File("slices.png");
        var (code, stdout, stderr) = CliTests.Cli(
            "style", "volume", "--content", content, "--style", style, "--out", output, "--steps", "3", "--filters", "4", "--slices", slices, "--json");
        Assert.True(code == 0, stderr);
        var root = CheckStylizeJson(stdout, output, 3);
        Assert.Equal([12, 8], new[] { root.GetProperty("dims")[0].GetInt32(), root.GetProperty("dims")[2].GetInt32() });
        var before = HandNiftiHeader.Parse(HandNiftiHeader.FileBytes(content));
        var after = HandNiftiHeader.Parse(HandNiftiHeader.FileBytes(output));
        Assert.Equal(before.Dim, after.Dim);
        Assert.Equal(before.PixDim, after.PixDim);
        Assert.Equal(before.SRow, after.SRow);
        Assert.True(File.Exists(slices));
    }

    [Fact]
    public void StylizeAudioIsStyleAudioWithADeprecationLine()
    {
        var (content, style) = AudioPair();
        string[] options = ["--content", content, "--style", style, "--steps", "2", "--filters", "8", "--sample-rate", "8000", "--griffin-lim", "2", "--json"];
        StyleVerbAliasTests.AssertSameRun(dir, "stylize-audio", "style audio", "wav", options);
    }

    [Fact]
    public void StylizeVolumeIsStyleVolumeWithADeprecationLine()
    {
        var (content, style) = VolumePair();
        string[] options = ["--content", content, "--style", style, "--steps", "2", "--filters", "4", "--scales", "1", "--json"];
        StyleVerbAliasTests.AssertSameRun(dir, "stylize-volume", "style volume", "nii", options);
    }

    [Fact]
    public void BadInputExitsWithTwoAndOneLine()
    {
        var emptyWav = dir.File("empty.wav");
        var bytes = WavWriter.Encode(SyntheticAudio.Mono([0f], 8000))[..44];
        bytes[40] = 0;
        bytes[41] = 0;
        File.WriteAllBytes(emptyWav, bytes);
        var truncatedNifti = dir.File("truncated.nii");
        File.WriteAllBytes(truncatedNifti, NiftiWriter.Encode(VolumeStyleTransferTests.Sphere(8, 8))[..100]);
        var volume = dir.File("v.nii");
        NiftiWriter.Write(volume, VolumeStyleTransferTests.Sphere(8, 8));
        (string[] Args, string Reason)[] cases =
        [
            (["style", "audio", "--content", emptyWav, "--style", emptyWav], "zero-length"),
            (["style", "audio", "--content", dir.File("missing.wav"), "--style", emptyWav], "missing.wav"),
            (["style", "audio", "--content", emptyWav, "--style", emptyWav, "--steps", "0"], "steps"),
            (["style", "volume", "--content", truncatedNifti, "--style", volume], "truncated NIfTI header"),
            (["style", "volume", "--content", volume, "--style", volume, "--max-voxels", "100"], "raise the voxel limit (--max-voxels)."),
            (["style", "volume", "--content", volume, "--style", volume, "--optimizer", "sgd"], "Unknown optimizer"),
        ];
        foreach (var (args, reason) in cases)
        {
            var (code, stdout, stderr) = CliTests.Cli(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}, {stderr}");
            Assert.Empty(stdout);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(reason, line, StringComparison.Ordinal);
        }
    }

    /// <summary>A 0.75 s speech-like burst train at 8 kHz and a 24-bit noise at 11.025 kHz, as WAV files.</summary>
    private (string Content, string Style) AudioPair()
    {
        var content = dir.File("speech.wav");
        var style = dir.File("noise.wav");
        WavWriter.Write(content, SyntheticAudio.Mono(SyntheticAudio.Bursts(300, 8000, 6000, 800), 8000));
        WavWriter.Write(style, SyntheticAudio.Mono(SyntheticAudio.Noise(9000, seed: 2), 11025), WavSampleFormat.Pcm24);
        return (content, style);
    }

    /// <summary>A 12×12×8 sphere (<c>.nii.gz</c>) and a 10³ striped volume (<c>.nii</c>).</summary>
    private (string Content, string Style) VolumePair()
    {
        var content = dir.File("content.nii.gz");
        var style = dir.File("style.nii");
        NiftiWriter.Write(content, VolumeStyleTransferTests.Sphere(12, 8));
        NiftiWriter.Write(style, VolumeStyleTransferTests.Stripes(10, seed: 3));
        return (content, style);
    }

    private static JsonElement CheckStylizeJson(string stdout, string output, int steps)
    {
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(output, root.GetProperty("output").GetString());
        Assert.Equal(steps, root.GetProperty("steps").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("seconds_per_step").GetDouble() > 0);
        foreach (var name in new[] { "content_loss", "style_loss", "total_loss" })
        {
            Assert.Equal(2, root.GetProperty(name).GetArrayLength());
        }

        Assert.Equal("output", root.EnumerateObject().First().Name);
        return root;
    }
}

using System.Diagnostics;
using MlNetFaces.Audio;
using MlNetFaces.Imaging;
using MlNetFaces.IO;
using MlNetFaces.Volumes;

namespace MlNetFaces.Tests.BadInput;

/// <summary>
/// Outputs are written atomically: a CLI run killed with SIGKILL while it writes leaves the previous file byte for
/// byte, for each kind of output (image, WAV, NIfTI, model zip); a writer that throws leaves it too, with no temporary file.
/// </summary>
public sealed class AtomicWriteTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-atomic-");

    public AtomicWriteTests()
    {
        var photo = new RgbImage(40, 32, Enumerable.Range(0, 40 * 32 * 3).Select(i => (byte)((i * 31) % 253)).ToArray());
        ImageEncoder.Save(photo, dir.File("content.png"));
        Directory.CreateDirectory(dir.File("photos"));
        ImageEncoder.Save(photo, dir.File("photos", "a.png"));
        var tone = new WavAudio(8000, [Enumerable.Range(0, 4000).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray()]);
        WavWriter.Write(dir.File("tone.wav"), tone);
        var volume = new NiftiImage(
            NiftiHeader.Create([12, 12, 12], [1f, 1f, 1f], NiftiDataType.Float32),
            Enumerable.Range(0, 12 * 12 * 12).Select(i => (float)(i % 5)).ToArray());
        NiftiWriter.Write(dir.File("volume.nii"), volume);
    }

    public void Dispose() => dir.Dispose();

    public static TheoryData<string, string> Outputs => new()
    {
        { "out.png", "style image --content {d}/content.png --style {d}/content.png --out {o} --size 32 --steps 1" },
        { "out.wav", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {o} --steps 1 --filters 8 --griffin-lim 2" },
        { "out.nii.gz", "style volume --content {d}/volume.nii --style {d}/volume.nii --out {o} --steps 1 --scales 1" },
        { "model.zip", "style train --content-dir {d}/photos --style {d}/content.png --out {o} --iterations 1 --size 32 --crop 32 --batch 1" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task KillDuringTheWriteLeavesThePreviousFile(string name, string arguments)
    {
        var target = dir.File(name);
        var previous = "the previous output, which must survive"u8.ToArray();
        File.WriteAllBytes(target, previous);
        var args = arguments.Split(' ').Select(a => a.Replace("{d}", dir.Path, StringComparison.Ordinal).Replace("{o}", target, StringComparison.Ordinal)).ToArray();
        using var process = CliProcess.Start(dir.Path, new Dictionary<string, string> { [AtomicFile.PauseVariable] = "60000" }, null, args);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        string[] temporary = [];
        while (temporary.Length == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(20);
            temporary = Directory.GetFiles(dir.Path, $".{name}.*.tmp");
        }

        var exited = process.HasExited;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Assert.False(exited, $"{name}: the run ended before writing ({process.ExitCode}): {await stderr}");
        Assert.NotEmpty(temporary);
        Assert.Equal(previous, File.ReadAllBytes(target));
    }

    [Fact]
    public void AWriterThatFailsLeavesThePreviousFileAndNoTemporary()
    {
        var target = dir.File("report.json");
        File.WriteAllText(target, "{\"previous\":true}");
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("{\"half"u8);
            throw new IOException("No space left on device");
        }));
        Assert.Contains("No space", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"previous\":true}", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    [Fact]
    public void WritesReplaceTheTargetAndCreateItsFolder()
    {
        var target = dir.File("new", "folder", "metrics.json");
        AtomicFile.WriteAllText(target, "one");
        AtomicFile.WriteAllText(target, "two");
        Assert.Equal("two", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
        Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dir.Path, "a folder is no file"));
    }
}

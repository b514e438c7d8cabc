using System.Diagnostics;
using System.Text.Json;
using MlNetFaces.Imaging;

namespace MlNetFaces.Tests;

/// <summary>The mlnetfaces command line in a fresh process: JSON contracts and exit codes.</summary>
[Trait("Category", "Slow")]
public sealed class CliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-cli-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void BadInputExitsWithTwoAndOneLine()
    {
        var empty = dir.File("empty.jpg");
        File.WriteAllBytes(empty, []);
        var text = dir.File("text.png");
        File.WriteAllText(text, "hello");
        var truncated = dir.File("truncated.jpg");
        var jpeg = File.ReadAllBytes(TestPaths.Models.PathOf("sample2.jpg"));
        File.WriteAllBytes(truncated, jpeg[..(jpeg.Length / 3)]);

        foreach (var (file, reason) in new[] { (dir.File("missing.jpg"), "not found"), (empty, "empty"), (text, "not an image"), (truncated, "truncated") })
        {
            var (code, stdout, stderr) = Cli("detect", file, "--json");
            Assert.Equal(2, code);
            Assert.Empty(stdout);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(reason, line, StringComparison.Ordinal);
        }

        Assert.Equal(2, Cli("detect").Code);
        Assert.Equal(2, Cli("verify", "a.jpg", "b.jpg", "--threshold", "-1").Code);
    }

    [Fact]
    public void EmbedWritesTheJsonContract()
    {
        var grey = dir.File("grey.png");
        ImageEncoder.Save(new RgbImage(64, 48, Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray()), grey);
        var (code, stdout, stderr) = Cli("embed", TestPaths.Models.PathOf("sample1.jpg"), grey, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var images = json.RootElement.GetProperty("images");
        Assert.Equal(2, images.GetArrayLength());
        var first = images[0];
        Assert.Equal(1920, first.GetProperty("width").GetInt32());
        Assert.Equal(1280, first.GetProperty("height").GetInt32());
        var faces = first.GetProperty("faces");
        Assert.Equal(3, faces.GetArrayLength());
        foreach (var face in faces.EnumerateArray())
        {
            Assert.Equal(4, face.GetProperty("box").GetArrayLength());
            Assert.InRange(face.GetProperty("score").GetDouble(), 0.5, 1.0);
            Assert.Equal(68, face.GetProperty("landmarks").GetArrayLength());
            Assert.Equal(128, face.GetProperty("embedding").GetArrayLength());
        }

        Assert.Equal(0, images[1].GetProperty("faces").GetArrayLength());
    }

    [Fact]
    public void VerifyComparesTwoImages()
    {
        var a = TestPaths.Models.PathOf("sample1.jpg");
        var (code, stdout, stderr) = Cli("verify", a, a, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("distance").GetDouble(), 6);
        Assert.True(json.RootElement.GetProperty("same").GetBoolean());
        Assert.Equal(0.6, json.RootElement.GetProperty("threshold").GetDouble());

        var grey = dir.File("grey.png");
        ImageEncoder.Save(new RgbImage(64, 48, Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray()), grey);
        var noFace = Cli("verify", a, grey);
        Assert.Equal(2, noFace.Code);
        Assert.Contains("no face", noFace.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Arguments reach the command byte for byte, also where the CLI starts itself again for huge pages (Linux with
    /// transparent huge pages on request): spaces, quotes, non-ASCII and an empty argument in its place.
    /// </summary>
    [Fact]
    public void ArgumentsReachTheCommandUnchanged()
    {
        using var dir = new TempFolder("mlnetfaces-args-");
        var odd = dir.File("a folder with spaces", "ünïcödé ☃ 'single' \"double\".jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(odd)!);
        File.WriteAllText(odd, "not an image");

        var notImage = Cli("detect", odd);
        Assert.Equal(2, notImage.Code);
        Assert.Contains($"{odd}: not an image", notImage.Stderr, StringComparison.Ordinal);

        var empty = Cli("verify", string.Empty, odd); // dropped, it would be a usage error about a missing argument
        Assert.Equal(2, empty.Code);
        Assert.Contains(": file not found", empty.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI built beside this test assembly's configuration, in a new process.</summary>
    internal static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var config = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestPaths.RepoRoot, "src", "MlNetFaces.Cli", "bin", config, "net10.0", "mlnetfaces.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Models.ModelStore.EnvironmentVariable] = TestPaths.Models.Root;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

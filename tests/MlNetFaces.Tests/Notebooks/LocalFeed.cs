using System.Diagnostics;
using System.Reflection;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>
/// The repository's library packages, packed once per test run into <c>artifacts/packages</c> (the feed the notebooks'
/// <c>#i "nuget: ../artifacts/packages"</c> names), and this version's earlier copies dropped from the NuGet cache so
/// that a notebook's restore takes these.
/// </summary>
public static class LocalFeed
{
    private static readonly string[] Projects = ["MlNetFaces.Charts", "MlNetFaces.Training", "MlNetFaces.StyleTransfer", "MlNetFaces", "MlNetFaces.Runtime", "MlNetFaces.Weights.FaceApi", "MlNetFaces.Weights.Dlib"];
    private static readonly Lazy<string> Packed = new(Pack);

    /// <summary>The packages' version: the one the notebooks ask for.</summary>
    public static string Version { get; } =
        typeof(FaceRecognizer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>The feed folder, packed on first use.</summary>
    public static string Folder => Packed.Value;

    private static string Pack()
    {
        var feed = Path.Combine(TestPaths.RepoRoot, "artifacts", "packages");
        var build = Path.Combine(TestPaths.RepoRoot, "artifacts", "pack-build");
        // The npm tarballs the repository's own build fetched, so that the pack build needs no registry.
        string[] tarballs =
        [
            .. Tarball("FaceApiTarball", "MlNetFaces.Weights.FaceApi", "vladmandic-face-api-1.7.15.tgz"),
            .. Tarball("DlibModelsTarball", "MlNetFaces.Weights.Dlib", "face-recognition-models-0.0.0.tgz"),
        ];
        foreach (var (project, index) in Projects.Select((p, i) => (p, i)))
        {
            // The first three build everything the others need; those are packed from that build.
            string[] args = ["pack", Path.Combine(TestPaths.RepoRoot, "src", project, project + ".csproj"), "--artifacts-path", build, "-o", feed, "-nologo", "-v", "q", "-clp:ErrorsOnly"];
            if (index >= 3)
            {
                args = [.. args, "--no-build"];
            }
            else
            {
                args = [.. args, .. tarballs];
            }

            Run("dotnet", args);
        }

        Run("bash", [Path.Combine(TestPaths.RepoRoot, "tests", "PackageSmoke", "forget-cached-packages.sh"), Version]);
        return feed;
    }

    private static string[] Tarball(string property, string project, string file)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "src", project, "obj", file);
        return File.Exists(path) ? [$"-p:{property}={path}"] : [];
    }

    private static void Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }
}

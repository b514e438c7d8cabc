using System.Runtime.InteropServices;
using MlNetFaces.Models;
using TorchSharp;

namespace MlNetFaces.Torch;

/// <summary>
/// Where no build ran over the application (a notebook's <c>#r "nuget: MlNetFaces"</c>, a script), TorchSharp loads
/// <c>libLibTorchSharp.so</c> straight from the NuGet package folder, and on a system whose libstdc++ lacks
/// GLIBCXX_3.4.32 (Debian 12) the loader refuses it. Before TorchSharp initialises, this copies that library into the
/// user's cache folder, weakens the one version requirement in the copy (the package folder is never changed), loads
/// libtorch and then the copy, so that TorchSharp's own load by name finds the library already in the process.
/// Does nothing where the system libstdc++ is new enough or the library in reach already loads (build outputs).
/// </summary>
internal static class TorchNativeLoader
{
    /// <summary>Where the weakened copy goes instead of the user cache, when set.</summary>
    public const string EnvironmentVariable = "MLNETFACES_NATIVE";

    private const string LibraryName = "libLibTorchSharp.so";

    /// <summary>What was done, in words, or null when nothing was needed; never throws (TorchSharp then reports the failure).</summary>
    public static string? PreloadWeakenedCopyIfNeeded()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !GlibcxxRequirement.SystemLacksVersion() || FindPackagedLibrary() is not { } packaged)
            {
                return null;
            }

            if (NativeLibrary.TryLoad(packaged, out _))
            {
                return null;
            }

            var libtorch = FindLibtorchFolder(packaged);
            if (libtorch is null)
            {
                return $"{packaged} cannot be loaded and no libtorch folder was found beside it or in the NuGet package folder";
            }

            var copy = WeakenedCopy(packaged);
            foreach (var dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            {
                NativeLibrary.Load(Path.Combine(libtorch, dependency));
            }

            NativeLibrary.Load(copy);
            return $"loaded {copy} (a copy of {packaged} with the {GlibcxxRequirement.Version} requirement weakened) and libtorch from {libtorch}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException)
        {
            return "the TorchSharp GLIBCXX fix could not be applied: " + ex.Message;
        }
    }

    /// <summary>The TorchSharp native library the process would load: beside the application, else in TorchSharp's package folder.</summary>
    private static string? FindPackagedLibrary()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var torchSharp = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? string.Empty;
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", LibraryName),
            Path.Combine(AppContext.BaseDirectory, LibraryName),
            Path.Combine(torchSharp, LibraryName),
            Path.Combine(torchSharp, "..", "..", "runtimes", rid, "native", LibraryName),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    /// <summary>The folder holding libtorch_cpu.so: beside the TorchSharp library, else the libtorch-cpu package's native folder.</summary>
    private static string? FindLibtorchFolder(string packaged)
    {
        var beside = Path.GetDirectoryName(packaged)!;
        if (File.Exists(Path.Combine(beside, "libtorch_cpu.so")))
        {
            return beside;
        }

        // .../packages/torchsharp/VERSION/runtimes/RID/native/libLibTorchSharp.so -> .../packages
        var packages = Path.GetFullPath(Path.Combine(beside, "..", "..", "..", "..", ".."));
        var rid = RuntimeInformation.RuntimeIdentifier;
        var package = Path.Combine(packages, "libtorch-cpu-" + rid);
        return Directory.Exists(package)
            ? Directory.GetDirectories(package)
                .Select(version => Path.Combine(version, "runtimes", rid, "native"))
                .Where(native => File.Exists(Path.Combine(native, "libtorch_cpu.so")))
                .OrderByDescending(native => native, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
    }

    /// <summary>The weakened copy in the user's cache folder, made once per TorchSharp version (atomically: copy, patch, rename).</summary>
    private static string WeakenedCopy(string packaged)
    {
        var version = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        var folder = UserCache.Folder(EnvironmentVariable, "native", "torchsharp-" + version);
        var copy = Path.Combine(folder, LibraryName);
        if (File.Exists(copy) && new FileInfo(copy).Length == new FileInfo(packaged).Length)
        {
            return copy;
        }

        Directory.CreateDirectory(folder);
        var temp = copy + "." + Environment.ProcessId + ".part";
        File.Copy(packaged, temp, overwrite: true);
        GlibcxxRequirement.Weaken(temp);
        File.Move(temp, copy, overwrite: true);
        return copy;
    }
}

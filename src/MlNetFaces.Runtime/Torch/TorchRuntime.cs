using System.Runtime;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MlNetFaces.Torch;

/// <summary>
/// Loads the native TorchSharp/libtorch libraries once, applies the process-wide settings the host chose
/// (<see cref="Configure"/>) and chooses the compute device.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<TorchLoadException?> LoadFailure = new(TryLoad);
    private static readonly Lock Gate = new();
    private static TorchRuntimeOptions options = TorchRuntimeOptions.Library;
    private static System.Runtime.GCLatencyMode? latencyBefore;

    /// <summary>The settings in force (<see cref="TorchRuntimeOptions.Library"/> until <see cref="Configure"/> is called).</summary>
    public static TorchRuntimeOptions Options => options;

    /// <summary>
    /// Applies <paramref name="settings"/> to this process now (and, for the NNPACK guard, when libtorch loads). Turning
    /// <see cref="TorchRuntimeOptions.BatchGcLatency"/> off again restores the latency mode it replaced;
    /// <see cref="TorchRuntimeOptions.KeepFreedNativeMemory"/> stays applied once applied.
    /// </summary>
    /// <param name="settings">What to change; <see cref="TorchRuntimeOptions.CommandLine"/> turns everything on.</param>
    public static void Configure(TorchRuntimeOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (Gate)
        {
            options = settings;
            if (settings.BatchGcLatency)
            {
                latencyBefore ??= GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
            }
            else if (latencyBefore is { } before)
            {
                GCSettings.LatencyMode = before;
                latencyBefore = null;
            }

            if (settings.KeepFreedNativeMemory)
            {
                KeepFreedMemory();
            }

            if (settings.DisableUnavailableNnpack && LoadFailure.IsValueCreated && LoadFailure.Value is null)
            {
                DisableNnpackIfUnavailable();
            }
        }
    }

    /// <summary>Throws a <see cref="TorchLoadException"/> naming the real cause when libtorch cannot be used.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Parses "cpu", "cuda" or "cuda:N" into a device, checking that CUDA is really available.</summary>
    public static torch.Device ParseDevice(string? name)
    {
        EnsureLoaded();
        var text = string.IsNullOrWhiteSpace(name) ? "cpu" : name.Trim().ToLowerInvariant();
        if (text == "cpu")
        {
            return torch.CPU;
        }

        if (text.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new ArgumentException(
                    "--device cuda was asked for, but this build has no CUDA libtorch (or no GPU is visible). "
                    + "Build with -p:TorchBackend=cuda (see README) on a machine with an NVIDIA driver.");
            }

            return new torch.Device(text);
        }

        throw new ArgumentException($"Unknown device '{name}': use cpu or cuda[:N].");
    }

    private static TorchLoadException? TryLoad()
    {
        // Must run before anything touches TorchSharp's torch class, whose static constructor loads the native libraries.
        var preload = TorchNativeLoader.PreloadWeakenedCopyIfNeeded();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            using var probe = torch.ones(1);
            if (options.DisableUnavailableNnpack)
            {
                DisableNnpackIfUnavailable();
            }

            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new TorchLoadException(Diagnose(ex) + (preload is null ? string.Empty : " (" + preload + ")"), ex);
        }
    }

    /// <summary>
    /// libtorch 2.10 retries NNPACK's initialisation before every convolution on CPUs it does not support and logs
    /// "Could not initialize NNPACK!" each time (thousands of lines per run); TorchSharp exposes no switch. Ask
    /// <c>at::native::_nnpack_available()</c> once and, only when it says no, call
    /// <c>at::globalContext().setUserEnabledNNPACK(false)</c>; oneDNN serves the convolutions either way. The probe runs
    /// with native standard error silenced (it logs the same warning once).
    /// </summary>
    private static unsafe void DisableNnpackIfUnavailable()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at6native17_nnpack_availableEv", out var available)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setEnabled))
        {
            return;
        }

        if (NativeStderr.Silenced(() => ((delegate* unmanaged<byte>)available)() != 0))
        {
            return;
        }

        var context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setEnabled)(context, 0);
    }

    /// <summary>glibc <c>mallopt</c> for libtorch's buffers (see <see cref="TorchRuntimeOptions.KeepFreedNativeMemory"/>).</summary>
    private static unsafe void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libc.so.6", out var libc)
            || !NativeLibrary.TryGetExport(libc, "mallopt", out var mallopt))
        {
            return;
        }

        const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3;
        var set = (delegate* unmanaged<int, int, int>)mallopt;
        set(TrimThreshold, 1 << 30);
        set(TopPad, 256 << 20);
        set(MmapThreshold, 32 << 20);
    }

    private static string Diagnose(Exception original)
    {
        // TorchSharp reports every native load failure as a missing libtorch package; ask the
        // dynamic loader directly so that the message names the real cause.
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", NativeName());
        if (!File.Exists(native))
        {
            native = Path.Combine(AppContext.BaseDirectory, NativeName());
        }

        return DescribeLoadFailure(native, original);
    }

    /// <summary>Why the native TorchSharp library at <paramref name="native"/> cannot be used, in the loader's words.</summary>
    internal static string DescribeLoadFailure(string native, Exception original)
    {
        if (!File.Exists(native))
        {
            return $"libtorch could not be loaded: {native} does not exist. "
                + "Reference TorchSharp plus the libtorch-cpu package for your OS (see README). Original error: " + original.Message;
        }

        try
        {
            var handle = NativeLibrary.Load(native);
            NativeLibrary.Free(handle);
            return "libtorch could not be initialised: " + original.Message;
        }
        catch (DllNotFoundException ex)
        {
            var hint = ex.Message.Contains("GLIBCXX", StringComparison.Ordinal)
                ? " The system libstdc++ is older than the one TorchSharp was built with; the build marks that "
                  + "requirement weak in the output copy (Directory.Build.targets). Rebuild with 'dotnet build', or see README 'TorchSharp on Debian 12'."
                : string.Empty;
            return $"The dynamic loader refused {native}: {ex.Message}{hint}";
        }
    }

    private static string NativeName() =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
}

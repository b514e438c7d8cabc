using System.Runtime;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MlNetFaces.Torch;

/// <summary>Loads the native TorchSharp/libtorch libraries once and chooses the compute device.</summary>
public static class TorchRuntime
{
    private static readonly Lazy<TorchLoadException?> LoadFailure = new(TryLoad);

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
            DisableNnpack();
            KeepFreedMemory();
            NoBackgroundGc();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new TorchLoadException(Diagnose(ex) + (preload is null ? string.Empty : " (" + preload + ")"), ex);
        }
    }

    /// <summary>
    /// libtorch 2.10 retries NNPACK's initialisation before every convolution on CPUs it does not support and logs
    /// "Could not initialize NNPACK!" each time (thousands of lines per run); TorchSharp exposes no switch, so call
    /// <c>at::globalContext().setUserEnabledNNPACK(false)</c> directly. mkldnn/oneDNN still serves the convolutions.
    /// </summary>
    private static unsafe void DisableNnpack()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setEnabled))
        {
            return;
        }

        var context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setEnabled)(context, 0);
    }

    /// <summary>
    /// glibc's malloc serves libtorch's large activation buffers with mmap and gives freed heap memory back to the
    /// kernel at once, so every forward pass page-faults its buffers in again (measured: SSD detection 196 → 57 ms
    /// per image, system time 19.7 → 1.0 s over the same work). Keep up to 1 GiB of freed memory in the process
    /// and serve blocks below 32 MiB from the heap. Peak resident memory is unchanged; idle memory is returned
    /// above the trim threshold. No effect on other C libraries.
    /// </summary>
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

    /// <summary>
    /// TorchSharp passes the native handle of a temporary <c>TorchSharp.Scalar</c> (every implicit double → Scalar
    /// conversion, e.g. <c>x.mul(0.5)</c> or the alpha of <c>a + b</c>) to libtorch without keeping the Scalar alive,
    /// and a Scalar has a finalizer. A garbage collection that completes while the calling thread is inside that native
    /// call can finalize the Scalar under libtorch's feet: "Expected false to be true ... toDouble/toFloat at Scalar.h".
    /// Measured: a thread forcing collections crashes <c>x.add(y)</c> within 14,000 calls, and three of four LFW
    /// runs crashed after minutes. Background (concurrent) collections, whose final marking runs while the thread is in
    /// native code, are turned off for the process; collections triggered by other threads' allocations remain, so
    /// optimisation loops also wrap each step in a <see cref="FinalizerFreeRegion"/>.
    /// </summary>
    private static void NoBackgroundGc() => GCSettings.LatencyMode = GCLatencyMode.Batch;

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

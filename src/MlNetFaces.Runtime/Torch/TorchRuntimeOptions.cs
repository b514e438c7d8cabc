namespace MlNetFaces.Torch;

/// <summary>
/// The process-wide settings MlNetFaces may apply around libtorch, chosen by the host with
/// <see cref="TorchRuntime.Configure"/>. The library's defaults (<see cref="Library"/>) change nothing the host owns
/// (the garbage collector's latency mode, the C allocator); the <c>mlnetfaces</c> command line turns everything on
/// (<see cref="CommandLine"/>), as may any process that is mostly tensor work.
/// </summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>
    /// Sets <see cref="System.Runtime.GCSettings.LatencyMode"/> to <c>Batch</c> (no background collections) for the
    /// process. TorchSharp hands libtorch the native handle of temporary <c>Scalar</c>s without keeping them alive; a
    /// background collection that completes while a thread is inside such a native call can finalize the Scalar under
    /// libtorch's feet (measured: a thread forcing collections crashed <c>x.add(y)</c> within 14,000 calls, and three of
    /// four long LFW runs crashed). Off by default: it slows a host's own allocations' pauses, which is the host's call.
    /// </summary>
    public bool BatchGcLatency { get; init; }

    /// <summary>
    /// Tunes glibc's <c>mallopt</c> for the process (Linux): up to 1 GiB of freed memory kept, blocks below 32 MiB served
    /// from the heap. libtorch's activation buffers are otherwise mapped and unmapped on every forward pass (measured:
    /// SSD detection on TorchSharp 196 → 57 ms per image). It cannot be undone once applied; off by default.
    /// </summary>
    public bool KeepFreedNativeMemory { get; init; }

    /// <summary>
    /// Turns NNPACK off where this CPU cannot initialise it (libtorch then retries before every convolution and logs
    /// "Could not initialize NNPACK!" each time); where NNPACK works it is left on. Changes no result. On by default.
    /// </summary>
    public bool DisableUnavailableNnpack { get; init; } = true;

    /// <summary>
    /// Wraps each optimisation step of training and style transfer in a no-GC region after draining pending finalizers,
    /// so that no finalizer frees a temporary Scalar libtorch is still reading (a fast-style training turned NaN at
    /// iteration 26 of 600 in one of two identical runs without it). The region ends with the step. On by default; a
    /// host that must never have the collector paused may turn it off and accept that risk.
    /// </summary>
    public bool FinalizerFreeSteps { get; init; } = true;

    /// <summary>The library's defaults: no process-wide GC or allocator change; NNPACK guard and per-step regions on.</summary>
    public static TorchRuntimeOptions Library { get; } = new();

    /// <summary>What the command line applies: everything on.</summary>
    public static TorchRuntimeOptions CommandLine { get; } = new() { BatchGcLatency = true, KeepFreedNativeMemory = true };
}

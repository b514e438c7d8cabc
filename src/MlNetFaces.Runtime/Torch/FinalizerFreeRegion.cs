using System.Runtime;

namespace MlNetFaces.Torch;

/// <summary>
/// A span of tensor work during which no finalizer runs: the pending finalizers are drained at the start and a no-GC
/// region keeps new ones from being queued. TorchSharp hands libtorch the native handle of temporary
/// <c>torch.Scalar</c>s (every implicit double → Scalar, including inside its own optimizers, e.g. Adam's
/// <c>add_(grad, alpha)</c>) without keeping them alive; a collection triggered by any thread (the JIT's, a progress
/// bar's) can queue such a Scalar, and the finalizer thread frees it while libtorch still reads it: a crash in
/// <c>add__Scalar</c> or a silently wrong number (a fast-style training turned NaN at iteration 26 of 600 in one of
/// two identical runs; an audio run's cost was NaN from step 1 once in five). Wrap each optimisation step and
/// each run of target computation: <c>using var quiet = FinalizerFreeRegion.Enter();</c>.
/// If the step allocates more than the budget, the runtime ends the region early and the step runs unprotected.
/// <see cref="TorchRuntimeOptions.FinalizerFreeSteps"/> turns it off.
/// </summary>
internal sealed class FinalizerFreeRegion : IDisposable
{
    /// <summary>Managed bytes a step may allocate inside the region (the runtime caps it at its ephemeral budget).</summary>
    public const long Budget = 64L << 20;

    private readonly bool started;

    private FinalizerFreeRegion(bool started) => this.started = started;

    public static FinalizerFreeRegion Enter()
    {
        if (!TorchRuntime.Options.FinalizerFreeSteps)
        {
            return new FinalizerFreeRegion(false);
        }

        var started = false;
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            try
            {
                started = GC.TryStartNoGCRegion(Budget);
            }
            catch (ArgumentOutOfRangeException)
            {
                started = GC.TryStartNoGCRegion(Budget / 4);
            }
        }

        // Whatever the collection before the region queued runs now, before the step's native calls.
        GC.WaitForPendingFinalizers();
        return new FinalizerFreeRegion(started);
    }

    public void Dispose()
    {
        if (!started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // Another thread's GC.Collect ended the region between the check and the call (seen with a thread forcing
            // collections: "NoGCRegion mode must be set"); there is nothing left to end.
        }
    }
}

using System.Runtime.CompilerServices;
using MlNetFaces.Torch;

// Test classes run one after another. TorchSharp hands libtorch the native handle of temporary Scalars without keeping
// them alive (see FinalizerFreeRegion); with test classes in parallel, other threads' allocations trigger collections
// in the middle of tensor work, whose finalizers then free Scalars libtorch is still reading. Measured: a same-seed
// triplet training returned NaN embeddings while a notebook and other tests ran beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MlNetFaces.Tests;

internal static class TestProcess
{
    /// <summary>The test host is a tensor-heavy process like the command line (whose commands it runs in-process): same settings.</summary>
#pragma warning disable CA2255 // A module initializer in a test assembly: the runner gives no earlier hook.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseCommandLineRuntime() => TorchRuntime.Configure(TorchRuntimeOptions.CommandLine);
}

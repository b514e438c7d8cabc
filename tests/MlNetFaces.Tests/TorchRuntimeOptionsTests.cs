using System.Runtime;
using MlNetFaces.Torch;

namespace MlNetFaces.Tests;

/// <summary>The process-wide libtorch settings: off in the library's defaults, applied and undone by Configure.</summary>
public sealed class TorchRuntimeOptionsTests
{
    [Fact]
    public void LibraryDefaultsLeaveTheCollectorAloneAndCommandLineTurnsEverythingOn()
    {
        Assert.False(TorchRuntimeOptions.Library.BatchGcLatency);
        Assert.False(TorchRuntimeOptions.Library.KeepFreedNativeMemory);
        Assert.True(TorchRuntimeOptions.Library.FinalizerFreeSteps);
        Assert.True(TorchRuntimeOptions.CommandLine.BatchGcLatency);
        Assert.True(TorchRuntimeOptions.CommandLine.KeepFreedNativeMemory);
        Assert.Throws<ArgumentNullException>(() => TorchRuntime.Configure(null!));
    }

    [Fact]
    public void ConfigureAppliesAndRestoresTheLatencyModeAndGatesTheRegions()
    {
        var before = TorchRuntime.Options;
        try
        {
            TorchRuntime.Configure(TorchRuntimeOptions.Library);
            var hostMode = GCSettings.LatencyMode;
            TorchRuntime.Configure(TorchRuntimeOptions.CommandLine);
            Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);
            TorchRuntime.Configure(TorchRuntimeOptions.Library);
            Assert.Equal(hostMode, GCSettings.LatencyMode);

            TorchRuntime.Configure(TorchRuntimeOptions.Library with { FinalizerFreeSteps = false });
            using (FinalizerFreeRegion.Enter())
            {
                Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            }

            TorchRuntime.Configure(TorchRuntimeOptions.Library);
            TorchRuntime.EnsureLoaded();
            using (FinalizerFreeRegion.Enter())
            {
                Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            }
        }
        finally
        {
            TorchRuntime.Configure(before);
        }
    }
}

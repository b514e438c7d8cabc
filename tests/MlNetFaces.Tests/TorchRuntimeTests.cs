using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void ForwardAndBackwardPassWork()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var conv = nn.Conv2d(3, 4, 3, padding: 1);
        var x = randn(2, 3, 8, 8);
        var loss = nn.functional.relu(conv.forward(x)).pow(2).mean();
        loss.backward();
        var grad = conv.weight!.grad!;
        Assert.Equal(new long[] { 4, 3, 3, 3 }, grad.shape);
        Assert.True(grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void UnknownDeviceIsRejected()
    {
        Assert.Throws<ArgumentException>(() => TorchRuntime.ParseDevice("tpu"));
        Assert.Equal(DeviceType.CPU, TorchRuntime.ParseDevice("cpu").type);
    }
}

public class TorchLoadDiagnosisTests
{
    [SkippableFact]
    public void UnpatchedLibraryFailureNamesGlibcxx()
    {
        // The copy in the NuGet cache is left as shipped; on a system without GLIBCXX_3.4.32 the loader refuses it.
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var shipped = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists(shipped), "the shipped libLibTorchSharp.so is not in the NuGet cache");
        var libstdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        Skip.If(!File.Exists(libstdcxx) || File.ReadAllText(libstdcxx).Contains("GLIBCXX_3.4.32", StringComparison.Ordinal), "this system's libstdc++ has GLIBCXX_3.4.32");

        TorchRuntime.EnsureLoaded(); // libtorch's own libraries are then resolved by soname; only the version check remains
        var message = TorchRuntime.DescribeLoadFailure(shipped, new DllNotFoundException("TorchSharp: libtorch-cpu missing?"));
        Assert.True(message.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal), message);
        Assert.Contains("Debian 12", message, StringComparison.Ordinal);
    }
}

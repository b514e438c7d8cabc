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

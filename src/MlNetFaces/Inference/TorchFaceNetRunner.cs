using static TorchSharp.torch;

namespace MlNetFaces.Inference;

/// <summary>A face net run by TorchSharp on the device its weights live on.</summary>
internal sealed class TorchFaceNetRunner(Func<Tensor, Tensor[]> forward, Device device) : IFaceNetRunner
{
    /// <summary>A single-output module.</summary>
    public static TorchFaceNetRunner Of(nn.Module<Tensor, Tensor> net) => new(x => [net.forward(x)], DeviceOf(net));

    /// <summary>The device of a module's first parameter.</summary>
    public static Device DeviceOf(nn.Module net) => net.parameters().First().device;

    public float[][] Run(float[] batch, int count, int size)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var length = count * 3 * size * size;
        var input = tensor(batch.Length == length ? batch : batch[..length], [count, 3, size, size]).to(device);
        return forward(input).Select(o => o.cpu().contiguous().data<float>().ToArray()).ToArray();
    }
}

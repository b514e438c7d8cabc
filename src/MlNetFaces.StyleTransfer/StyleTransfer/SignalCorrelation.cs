using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>How much of the content a stylised signal keeps: the Pearson correlation of two same-sized tensors.</summary>
internal static class SignalCorrelation
{
    public static double Pearson(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = NewDisposeScope();
        var x = a.flatten().to_type(float64);
        var y = b.flatten().to_type(float64);
        x = x - x.mean();
        y = y - y.mean();
        var denominator = (x.square().sum() * y.square().sum()).sqrt().item<double>();
        return denominator > 0 ? (x * y).sum().item<double>() / denominator : 0;
    }
}

using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Torch;

/// <summary>TensorFlow semantics that PyTorch does not share: 'same' padding. NCHW tensors (TF's legacy bilinear resize is <c>NetInput</c>).</summary>
internal static class TfOps
{
    /// <summary>TF 'SAME' padding {left,right,top,bottom} for a k×k window with stride s.</summary>
    public static long[] SamePadding(long height, long width, long kernel, long stride)
    {
        long Total(long n) => Math.Max(((((n + stride - 1) / stride) - 1) * stride) + kernel - n, 0);
        long ph = Total(height), pw = Total(width);
        return [pw / 2, pw - (pw / 2), ph / 2, ph - (ph / 2)];
    }

    /// <summary>
    /// conv2d with TF 'SAME' padding. Weight is OIHW. Symmetric padding goes to the conv itself; asymmetric
    /// padding (stride 2 on an even input: 0 before, 1 after) is an explicit pad, then padding 0.
    /// </summary>
    public static Tensor Conv2dSame(Tensor x, Tensor weight, Tensor? bias, long stride, long groups = 1)
    {
        var pad = SamePadding(x.shape[2], x.shape[3], weight.shape[2], stride);
        if (pad[0] == pad[1] && pad[2] == pad[3])
        {
            return F.conv2d(x, weight, bias, [stride, stride], [pad[2], pad[0]], groups: groups);
        }

        using var padded = F.pad(x, pad);
        return F.conv2d(padded, weight, bias, [stride, stride], [0, 0], groups: groups);
    }

    /// <summary>Depthwise conv (weight [c,1,k,k]) with TF 'SAME' padding.</summary>
    public static Tensor DepthwiseSame(Tensor x, Tensor weight, long stride) =>
        Conv2dSame(x, weight, null, stride, groups: x.shape[1]);

    /// <summary>max pool with TF 'SAME' padding (padded cells are ignored).</summary>
    public static Tensor MaxPoolSame(Tensor x, long kernel, long stride)
    {
        var pad = SamePadding(x.shape[2], x.shape[3], kernel, stride);
        if (pad.All(p => p == 0))
        {
            return F.max_pool2d(x, [kernel, kernel], [stride, stride]);
        }

        using var padded = F.pad(x, pad, value: double.NegativeInfinity);
        return F.max_pool2d(padded, [kernel, kernel], [stride, stride]);
    }
}

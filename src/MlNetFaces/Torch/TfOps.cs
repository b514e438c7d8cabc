using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Torch;

/// <summary>TensorFlow semantics that PyTorch does not share: 'same' padding, legacy bilinear resize. NCHW tensors.</summary>
public static class TfOps
{
    /// <summary>TF 'SAME' padding {left,right,top,bottom} for a k×k window with stride s.</summary>
    public static long[] SamePadding(long height, long width, long kernel, long stride)
    {
        long Total(long n) => Math.Max(((((n + stride - 1) / stride) - 1) * stride) + kernel - n, 0);
        long ph = Total(height), pw = Total(width);
        return [pw / 2, pw - (pw / 2), ph / 2, ph - (ph / 2)];
    }

    /// <summary>conv2d with TF 'SAME' padding (explicit pad, then padding 0). Weight is OIHW.</summary>
    public static Tensor Conv2dSame(Tensor x, Tensor weight, Tensor? bias, long stride, long groups = 1)
    {
        var pad = SamePadding(x.shape[2], x.shape[3], weight.shape[2], stride);
        if (pad[0] == pad[1] && pad[2] == pad[3])
        {
            // Symmetric (stride 1, odd kernel): the conv pads by itself, with no extra copy.
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
        using var padded = F.pad(x, pad, value: double.NegativeInfinity);
        return F.max_pool2d(padded, [kernel, kernel], [stride, stride]);
    }

    /// <summary>
    /// <c>tf.image.resizeBilinear(x, size, alignCorners=false, halfPixelCenters=false)</c>: src = dst·in/out,
    /// no half-pixel offset, no antialiasing. Computed as <c>Ry · img · Rxᵀ</c>.
    /// </summary>
    public static Tensor ResizeBilinearLegacy(Tensor x, long outHeight, long outWidth)
    {
        if (x.shape[2] == outHeight && x.shape[3] == outWidth)
        {
            return x.alias();
        }

        using var ry = LegacyInterpolation(x.shape[2], outHeight, x.dtype, x.device);
        using var rx = LegacyInterpolation(x.shape[3], outWidth, x.dtype, x.device);
        using var rows = matmul(ry, x);
        using var rxt = rx.t();
        return matmul(rows, rxt);
    }

    /// <summary>The [out,in] matrix of TF legacy bilinear interpolation along one axis.</summary>
    public static Tensor LegacyInterpolation(long inSize, long outSize, ScalarType dtype, Device device)
    {
        var m = new float[outSize * inSize];
        var scale = (float)inSize / outSize;
        for (long o = 0; o < outSize; o++)
        {
            var src = o * scale;
            var y0 = (long)Math.Floor(src);
            var y1 = Math.Min((long)Math.Ceiling(src), inSize - 1);
            var f = src - y0;
            m[(o * inSize) + y0] += 1 - f;
            m[(o * inSize) + y1] += f;
        }

        return tensor(m, [outSize, inSize]).to(dtype, device);
    }
}

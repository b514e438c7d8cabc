using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Torch;

/// <summary>TensorFlow semantics that PyTorch does not share: 'same' padding, legacy bilinear resize. NCHW tensors.</summary>
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

    /// <summary>
    /// <c>tf.image.resizeBilinear(x, size, alignCorners=false, halfPixelCenters=false)</c>: src = dst·in/out,
    /// no half-pixel offset, no antialiasing, TF's arithmetic per pixel (lerp along x, then along y).
    /// With <paramref name="pad"/> {left,right,top,bottom}, x is first zero-padded; the padding is virtual:
    /// only the sampled pixels are read, so a large image costs little more than the output.
    /// x is NCHW of any real dtype (e.g. a uint8 view of an image); the result is float32, or x's floating dtype.
    /// </summary>
    public static Tensor ResizeBilinearLegacy(Tensor x, long outHeight, long outWidth, long[]? pad = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        pad ??= [0, 0, 0, 0];
        var dtype = x.is_floating_point() ? x.dtype : ScalarType.Float32;
        if (pad.All(p => p == 0) && x.shape[2] == outHeight && x.shape[3] == outWidth)
        {
            return x.dtype == dtype ? x.alias() : x.to(dtype);
        }

        using var scope = NewDisposeScope();
        var rows = LegacySampling(x.shape[2], pad[2], pad[3], outHeight, dtype, x.device);
        var cols = LegacySampling(x.shape[3], pad[0], pad[1], outWidth, dtype, x.device);
        long[] rowShape = [1, 1, -1, 1];
        long[] colShape = [1, 1, 1, -1];

        // Gather in x's dtype (bytes stay bytes) and convert only the four corner planes.
        var upper = x.index_select(2, rows.Index0);
        var lower = x.index_select(2, rows.Index1);
        Tensor Corner(Tensor selectedRows, Tensor? rowValid, Tensor colIndex, Tensor? colValid)
        {
            var corner = selectedRows.index_select(3, colIndex).to(dtype);
            corner = rowValid is null ? corner : corner * rowValid.view(rowShape);
            return colValid is null ? corner : corner * colValid.view(colShape);
        }

        var topLeft = Corner(upper, rows.Valid0, cols.Index0, cols.Valid0);
        var topRight = Corner(upper, rows.Valid0, cols.Index1, cols.Valid1);
        var bottomLeft = Corner(lower, rows.Valid1, cols.Index0, cols.Valid0);
        var bottomRight = Corner(lower, rows.Valid1, cols.Index1, cols.Valid1);
        var top = topLeft + ((topRight - topLeft) * cols.Fraction.view(colShape));
        var bottom = bottomLeft + ((bottomRight - bottomLeft) * cols.Fraction.view(colShape));
        return (top + ((bottom - top) * rows.Fraction.view(rowShape))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// TF legacy bilinear sampling along one axis of length <paramref name="size"/> zero-padded by
    /// <paramref name="before"/> and <paramref name="after"/>: for each output position the two source indices
    /// (clamped into the unpadded axis), whether each is a real pixel (null: all are) and the interpolation fraction.
    /// Coordinates are computed in float32 as TF does.
    /// </summary>
    private static (Tensor Index0, Tensor Index1, Tensor? Valid0, Tensor? Valid1, Tensor Fraction) LegacySampling(
        long size, long before, long after, long outSize, ScalarType dtype, Device device)
    {
        var padded = before + size + after;
        var scale = (float)padded / outSize;
        var index0 = new long[outSize];
        var index1 = new long[outSize];
        var valid0 = new float[outSize];
        var valid1 = new float[outSize];
        var fraction = new float[outSize];
        for (long o = 0; o < outSize; o++)
        {
            var src = o * scale;
            var p0 = (long)Math.Floor(src);
            var p1 = Math.Min((long)Math.Ceiling(src), padded - 1);
            fraction[o] = src - p0;
            (index0[o], valid0[o]) = Source(p0 - before, size);
            (index1[o], valid1[o]) = Source(p1 - before, size);
        }

        Tensor? Mask(float[] valid) => valid.All(v => v == 1) ? null : tensor(valid, dtype, device);
        return (tensor(index0, device: device), tensor(index1, device: device), Mask(valid0), Mask(valid1), tensor(fraction, dtype, device));
    }

    private static (long Index, float Valid) Source(long index, long size) =>
        index < 0 ? (0, 0) : index >= size ? (size - 1, 0) : (index, 1);
}

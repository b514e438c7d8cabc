using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// RGB ↔ YIQ (NTSC) on tensors [N, 3, spatial...], for luminance-only transfer (Gatys et al. 2016, "Preserving Color in
/// Neural Artistic Style Transfer"): stylise the luminance Y, keep the content's chroma I, Q.
/// </summary>
internal static class YiqColor
{
    private static readonly float[] RgbToYiqMatrix =
    [
        0.299f, 0.587f, 0.114f,
        0.595716f, -0.274453f, -0.321263f,
        0.211456f, -0.522591f, 0.311135f,
    ];

    /// <summary>YIQ of an RGB tensor (any value range; Y has the RGB range).</summary>
    public static Tensor FromRgb(Tensor rgb) => Mix(rgb, RgbToYiqMatrix);

    /// <summary>RGB of a YIQ tensor (the exact inverse of <see cref="FromRgb"/>).</summary>
    public static Tensor ToRgb(Tensor yiq)
    {
        ArgumentNullException.ThrowIfNull(yiq);
        using var m = tensor(RgbToYiqMatrix, [3, 3], float64);
        using var inverse = m.inverse().to(float32);
        return Mix(yiq, inverse.data<float>().ToArray());
    }

    /// <summary>Y replicated to three channels: the grey image the transfer runs on.</summary>
    public static Tensor LuminanceAsRgb(Tensor rgb)
    {
        using var yiq = FromRgb(rgb);
        using var y = yiq.narrow(1, 0, 1);
        return y.expand(ExpandShape(rgb)).contiguous();
    }

    /// <summary>The luminance of <paramref name="rgb"/> combined with the chroma (I, Q) of <paramref name="chromaSource"/>.</summary>
    public static Tensor CombineLuminance(Tensor rgb, Tensor chromaSource)
    {
        using var scope = NewDisposeScope();
        var y = FromRgb(rgb).narrow(1, 0, 1);
        var iq = FromRgb(chromaSource).narrow(1, 1, 2);
        return ToRgb(cat([y, iq], 1)).MoveToOuterDisposeScope();
    }

    /// <summary>Shifts and scales the luminance of <paramref name="rgb"/> to the mean and standard deviation of <paramref name="reference"/>'s (grey, 3 channels).</summary>
    public static Tensor MatchLuminance(Tensor rgb, Tensor reference)
    {
        using var scope = NewDisposeScope();
        var y = FromRgb(rgb).narrow(1, 0, 1);
        var r = FromRgb(reference).narrow(1, 0, 1);
        var matched = ((y - y.mean()) * (r.std() / y.std().clamp_min(1e-6))) + r.mean();
        return matched.expand(ExpandShape(rgb)).contiguous().MoveToOuterDisposeScope();
    }

    private static long[] ExpandShape(Tensor rgb)
    {
        var shape = rgb.shape.ToArray();
        shape[1] = 3;
        return shape;
    }

    private static Tensor Mix(Tensor x, float[] matrix)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 3 || x.shape[1] != 3)
        {
            throw new ArgumentException($"Expected [N, 3, spatial...], got [{string.Join(',', x.shape)}].", nameof(x));
        }

        using var m = tensor(matrix, [3, 3], x.dtype, x.device);
        using var moved = x.movedim([1], [-1]);
        using var mixed = moved.matmul(m.t());
        return mixed.movedim([-1], [1]).contiguous();
    }
}

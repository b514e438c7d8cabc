using MlNetFaces.Imaging;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>Conversions between <see cref="RgbImage"/> and the [1,3,H,W] 0..255 tensors the optimisation works on.</summary>
internal static class StyleImageTensors
{
    /// <summary>An RGB 0..255 tensor [1,3,H,W] (values clamped and rounded) as an image.</summary>
    public static RgbImage ToImage(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.dim() != 4 || rgb.shape[0] != 1 || rgb.shape[1] != 3)
        {
            throw new ArgumentException($"Expected [1,3,H,W], got [{string.Join(',', rgb.shape)}].", nameof(rgb));
        }

        using var scope = NewDisposeScope();
        var hwc = rgb.detach().cpu().squeeze(0).clamp(0, 255).round().to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        return new RgbImage((int)rgb.shape[3], (int)rgb.shape[2], hwc.data<byte>().ToArray());
    }
}

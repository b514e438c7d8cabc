using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's <c>NetInput.toBatchTensor</c>: zero-pad to a square, then TF legacy bilinear resize. The padding is
/// virtual and only the sampled pixels are read (<see cref="TfOps.ResizeBilinearLegacy"/>).
/// </summary>
public static class NetInput
{
    /// <summary>
    /// Pads one image [1,3,h,w] (values 0..255) to a square with zeros and resizes it to size×size.
    /// <paramref name="center"/> = false (detectors): all padding at the bottom/right;
    /// true (landmark and recognition nets): <c>round(diff/2)</c> after and the rest before (JS rounding, 2.5 → 3).
    /// </summary>
    public static Tensor ToSquare(Tensor image, long size, bool center)
    {
        ArgumentNullException.ThrowIfNull(image);
        var h = image.shape[2];
        var w = image.shape[3];
        var diff = Math.Abs(h - w);
        var after = center ? (long)Math.Floor((diff / 2.0) + 0.5) : diff;
        var before = diff - after;
        long[] pad = h > w ? [before, after, 0, 0] : [0, 0, before, after];
        return TfOps.ResizeBilinearLegacy(image, size, size, pad);
    }

    /// <summary>
    /// <see cref="ToSquare(Tensor, long, bool)"/> straight from an image's bytes: only the sampled pixels are
    /// converted to float. The result [1,3,size,size] (float32, 0..255) is on the CPU.
    /// </summary>
    public static Tensor ToSquare(RgbImage image, long size, bool center)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var nchw = image.ToByteTensor();
        return ToSquare(nchw, size, center);
    }

    /// <summary>Several images, each padded and resized, stacked into [N,3,size,size].</summary>
    public static Tensor ToBatch(IEnumerable<Tensor> images, long size, bool center)
    {
        using var scope = NewDisposeScope();
        var batch = cat(images.Select(i => ToSquare(i, size, center)).ToList(), 0);
        return batch.MoveToOuterDisposeScope();
    }

    /// <summary>Several images, each padded and resized from its bytes, stacked into [N,3,size,size] on a device.</summary>
    public static Tensor ToBatch(IEnumerable<RgbImage> images, long size, bool center, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var batch = cat(images.Select(i => ToSquare(i, size, center)).ToList(), 0).to(device ?? CPU);
        return batch.MoveToOuterDisposeScope();
    }
}

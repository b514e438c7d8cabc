using MlNetFaces.Torch;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Faces;

/// <summary>face-api's <c>NetInput.toBatchTensor</c>: zero-pad to a square, then TF legacy bilinear resize.</summary>
public static class NetInput
{
    /// <summary>
    /// Pads one image [1,3,h,w] (values 0..255) to a square with zeros and resizes it to size×size.
    /// <paramref name="center"/> = false (detectors): all padding at the bottom/right;
    /// true (landmark and recognition nets): <c>round(diff/2)</c> after and the rest before (JS rounding, 2.5 → 3).
    /// </summary>
    public static Tensor ToSquare(Tensor image, long size, bool center)
    {
        var h = image.shape[2];
        var w = image.shape[3];
        var diff = Math.Abs(h - w);
        var after = center ? (long)Math.Floor((diff / 2.0) + 0.5) : diff;
        var before = diff - after;
        long[] pad = h > w ? [before, after, 0, 0] : [0, 0, before, after];
        using var square = diff == 0 ? image.alias() : F.pad(image, pad);
        return TfOps.ResizeBilinearLegacy(square, size, size);
    }

    /// <summary>Several images, each padded and resized, stacked into [N,3,size,size].</summary>
    public static Tensor ToBatch(IEnumerable<Tensor> images, long size, bool center)
    {
        using var scope = NewDisposeScope();
        var batch = cat(images.Select(i => ToSquare(i, size, center)).ToList(), 0);
        return batch.MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace MlNetFaces.Faces;

/// <summary>The input normalisation shared by the landmark and recognition nets (vladmandic face-api 1.7.15).</summary>
internal static class FaceNetNormalization
{
    private static readonly float[] Mean = [122.782f, 117.001f, 104.298f];

    /// <summary>The per-channel RGB mean [1,3,1,1] that face-api subtracts, outside any dispose scope (a module buffer).</summary>
    public static Tensor MeanRgb() => tensor(Mean, [1, 3, 1, 1]).DetachFromDisposeScope();

    /// <summary><c>(x - mean) / 255</c>; face-api.js 0.22.2 and dlib divide by 256 instead.</summary>
    public static Tensor Normalize(Tensor x, Tensor meanRgb) => x.sub(meanRgb).div_(255);

    /// <summary>Throws unless <paramref name="x"/> is [N,3,size,size].</summary>
    public static void CheckInput(Tensor x, long size)
    {
        if (x.dim() != 4 || x.shape[1] != 3 || x.shape[2] != size || x.shape[3] != size)
        {
            throw new ArgumentException($"Expected an input [N,3,{size},{size}], got [{string.Join(",", x.shape)}].", nameof(x));
        }
    }
}

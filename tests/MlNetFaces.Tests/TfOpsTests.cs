using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Tests;

public class TfOpsTests
{
    public static TheoryData<int, int, long[], int, int> ResizeCases => new()
    {
        { 5, 7, [0, 0, 0, 2], 4, 4 },
        { 7, 5, [0, 2, 0, 0], 12, 12 },
        { 7, 4, [1, 2, 0, 0], 5, 5 },
        { 6, 6, [0, 0, 0, 0], 6, 6 },
        { 9, 13, [0, 0, 0, 0], 4, 11 },
        { 3, 8, [0, 0, 3, 2], 16, 16 },
    };

    [Theory]
    [MemberData(nameof(ResizeCases))]
    public void NetInputMatchesTheTfFormulaOnThePaddedRegion(int height, int width, long[] pad, int outHeight, int outWidth)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var pixels = new byte[(width + 3) * (height + 2) * 3];
        new Random(height * width).NextBytes(pixels);
        var image = new RgbImage(width + 3, height + 2, pixels);
        var fromBytes = new float[3 * outHeight * outWidth];

        NetInput.Resize(image, new PixelRegion(2, 1, width, height), outHeight, outWidth, ((int)pad[0], (int)pad[1], (int)pad[2], (int)pad[3]), fromBytes);

        var region = image.ToTensor().slice(2, 1, 1 + height, 1).slice(3, 2, 2 + width, 1);
        Assert.Equal(NaiveLegacyResize(F.pad(region, pad), outHeight, outWidth), fromBytes);
    }

    /// <summary>TF's legacy resize written out per output pixel (float32 arithmetic), on an NCHW tensor.</summary>
    private static float[] NaiveLegacyResize(Tensor x, int outHeight, int outWidth)
    {
        var (n, c, h, w) = ((int)x.shape[0], (int)x.shape[1], (int)x.shape[2], (int)x.shape[3]);
        var v = x.contiguous().data<float>().ToArray();
        var result = new List<float>();
        var scaleY = (float)h / outHeight;
        var scaleX = (float)w / outWidth;
        for (var plane = 0; plane < n * c; plane++)
        {
            float At(int yy, int xx) => v[(((plane * h) + yy) * w) + xx];
            for (var oy = 0; oy < outHeight; oy++)
            {
                var sy = oy * scaleY;
                var y0 = (int)MathF.Floor(sy);
                var y1 = Math.Min((int)MathF.Ceiling(sy), h - 1);
                var fy = sy - y0;
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var sx = ox * scaleX;
                    var x0 = (int)MathF.Floor(sx);
                    var x1 = Math.Min((int)MathF.Ceiling(sx), w - 1);
                    var fx = sx - x0;
                    var top = At(y0, x0) + ((At(y0, x1) - At(y0, x0)) * fx);
                    var bottom = At(y1, x0) + ((At(y1, x1) - At(y1, x0)) * fx);
                    result.Add(top + ((bottom - top) * fy));
                }
            }
        }

        return [.. result];
    }
}

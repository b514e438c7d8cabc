using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using MlNetFaces.Volumes;

namespace MlNetFaces.Tests.Volumes;

/// <summary>The volume pipeline on small synthetic volumes: style falls, the content's header is kept, the size limit speaks.</summary>
public sealed class VolumeStyleTransferTests
{
    private static readonly double[] Sform = [1.5, 0, 0, -10, 0, 1.5, 0, -12, 0, 0, 2, 5];

    public VolumeStyleTransferTests() => TorchRuntime.EnsureLoaded();

    internal static NiftiImage Sphere(int n, int depth)
    {
        var values = new float[n * n * depth];
        for (var z = 0; z < depth; z++)
        {
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var r = Math.Sqrt(Math.Pow(x - (n / 2.0), 2) + Math.Pow(y - (n / 2.0), 2) + Math.Pow((z - (depth / 2.0)) * n / depth, 2));
                    values[(((z * n) + y) * n) + x] = r < n / 3.0 ? 800 : 100;
                }
            }
        }

        return new NiftiImage(NiftiHeader.Create([n, n, depth], [1.5f, 1.5f, 2f], NiftiDataType.Int16, Sform), values);
    }

    internal static NiftiImage Stripes(int n, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, n * n * n).Select(i => (float)((((i % n) / 2) % 2 == 0 ? 1.0 : 0.0) + (0.3 * random.NextDouble()))).ToArray();
        return new NiftiImage(NiftiHeader.Create([n, n, n], [1, 1, 1], NiftiDataType.Float32), values);
    }

    [Fact]
    public void StyleFallsAndTheContentsHeaderIsKept()
    {
        var content = Sphere(16, 12);
        var result = VolumeStyleTransfer.Run(content, Stripes(12, seed: 1), new VolumeStyleOptions { BaseFilters = 4, Steps = 20 });
        Assert.True(result.Optimization.StyleLossDrop > 10, $"style loss fell {result.Optimization.StyleLossDrop:0.0}x");
        Assert.True(result.StoredStyleDrop > 1.5, $"stored style fell {result.StoredStyleDrop:0.0}x");
        Assert.Equal(content.Header.ToArray(), result.Volume.Header.ToArray());
        Assert.InRange(result.Volume.Values.Min(), 100, 800);
        Assert.InRange(result.Volume.Values.Max(), 100, 800);
        Assert.True(result.Slices.Width > 3 * 16);
    }

    [Fact]
    public void TooLargeOrTooSmallVolumesAreRefusedWithAMessage()
    {
        var content = Sphere(16, 12);
        var tooLarge = Assert.Throws<StyleLimitException>(() => VolumeStyleTransfer.Run(content, content, new VolumeStyleOptions { MaxVoxels = 1000 }));
        Assert.Contains("16×16×12 = 3,072 voxels, over the limit of 1,000", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(VolumeStyleOptions.MaxVoxels), tooLarge.Setting);
        Assert.DoesNotContain("--", tooLarge.Message, StringComparison.Ordinal); // the library speaks of settings, the command line of its options
        var flat = new NiftiImage(NiftiHeader.Create([16, 16, 2], [1, 1, 1], NiftiDataType.UInt8), new float[512]);
        Assert.Contains("at least 4 voxels", Assert.Throws<InputException>(() => VolumeStyleTransfer.Run(flat, content)).Message, StringComparison.Ordinal);
    }
}

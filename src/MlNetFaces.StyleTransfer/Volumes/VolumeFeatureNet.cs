using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Volumes;

/// <summary>
/// A random-weight multi-scale 3-D ConvNet for volumes [1, 1, D, H, W]: at each scale a 3×3×3 convolution and a ReLU,
/// then 2× average pooling to the next scale, the channels doubling (8, 16, 32 by default). Every scale is a style tap
/// (λ equal) with a standardised Gram (Friedrich &amp; Menzel 2019); the middle scale is the content tap. The weights are
/// random (seeded, He-scaled) and never trained: random multi-scale filters capture texture statistics well enough for
/// style (Ustyuzhaninov et al. 2017), and no pretrained 3-D network can be fetched here.
/// </summary>
internal sealed class VolumeFeatureNet : IVolumeFeatureNet
{
    private static readonly long[] Pool = [2, 2, 2];
    private static readonly long[] Same = [1, 1, 1];

    private readonly List<(Tensor Weight, Tensor Bias)> convs = [];

    public VolumeFeatureNet(int scales = 3, int baseFilters = 8, int seed = 0, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scales);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseFilters);
        using var generator = new Generator((ulong)seed, device ?? CPU);
        var inputs = 1;
        for (var s = 0; s < scales; s++)
        {
            var outputs = baseFilters << s;
            var std = Math.Sqrt(2.0 / (inputs * 27));
            convs.Add((
                randn([outputs, inputs, 3, 3, 3], generator: generator, device: device).mul_(std).DetachFromDisposeScope(),
                zeros([outputs], device: device).DetachFromDisposeScope()));
            inputs = outputs;
        }

        StyleWeights = Enumerable.Repeat(1.0 / scales, scales).ToList();
        ContentWeights = Enumerable.Range(0, scales).Select(s => s == scales / 2 ? 1.0 : 0.0).ToList();
    }

    public IReadOnlyList<double> ContentWeights { get; }

    public IReadOnlyList<double> StyleWeights { get; }

    public bool StandardizeGram => true;

    /// <summary>The smallest volume side this net accepts (each pooling halves it).</summary>
    public int MinimumSide => 1 << (convs.Count - 1);

    public IReadOnlyList<Tensor> Extract(Tensor signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var taps = new List<Tensor>(convs.Count);
        var x = signal;
        for (var s = 0; s < convs.Count; s++)
        {
            if (s > 0)
            {
                x = F.avg_pool3d(taps[^1], Pool, Pool);
            }

            using var conv = ThinConvolution.Forward(x, convs[s].Weight, convs[s].Bias, [1, 1, 1], Same);
            if (s > 0)
            {
                x.Dispose();
            }

            taps.Add(F.relu(conv));
        }

        return taps;
    }

    public void Dispose()
    {
        foreach (var (weight, bias) in convs)
        {
            weight.Dispose();
            bias.Dispose();
        }

        convs.Clear();
    }
}

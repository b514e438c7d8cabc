using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Audio;

/// <summary>
/// The audio feature extractor of Ulyanov &amp; Lebedev (2016): one wide 1-D convolution over time with many random
/// filters and a ReLU, applied to the log-magnitude spectrogram [1, bins, frames] (frequency bins as input channels).
/// Several kernel widths give several parallel taps; every tap is both a content and a style layer, weighted equally.
/// The weights are random (seeded) and never trained.
/// </summary>
internal sealed class AudioFeatureNet : ISignalFeatureNet
{
    private readonly List<(Tensor Weight, Tensor Bias, int Width)> convs = [];

    public AudioFeatureNet(int bins, int filters, IReadOnlyList<int> kernelWidths, int seed = 0, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentNullException.ThrowIfNull(kernelWidths);
        if (kernelWidths.Count == 0 || kernelWidths.Any(w => w < 1))
        {
            throw new ArgumentException("At least one kernel width ≥ 1 is needed.", nameof(kernelWidths));
        }

        using var generator = new Generator((ulong)seed, device ?? CPU);
        foreach (var width in kernelWidths)
        {
            // Ulyanov & Lebedev's initialisation: std = √2 · √(2 / ((bins + filters) · width)).
            var std = Math.Sqrt(2) * Math.Sqrt(2.0 / ((bins + filters) * (double)width));
            var weight = randn([filters, bins, width], generator: generator, device: device).mul_(std).DetachFromDisposeScope();
            var bias = zeros([filters], device: device).DetachFromDisposeScope();
            convs.Add((weight, bias, width));
        }

        var share = 1.0 / kernelWidths.Count;
        ContentWeights = Enumerable.Repeat(share, kernelWidths.Count).ToList();
        StyleWeights = ContentWeights;
    }

    public IReadOnlyList<double> ContentWeights { get; }

    public IReadOnlyList<double> StyleWeights { get; }

    public bool StandardizeGram => false;

    public IReadOnlyList<Tensor> Extract(Tensor signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return convs.Select(c =>
        {
            using var conv = ThinConvolution.Forward(signal, c.Weight, c.Bias, [1], [c.Width / 2]);
            return F.relu(conv);
        }).ToList();
    }

    public void Dispose()
    {
        foreach (var (weight, bias, _) in convs)
        {
            weight.Dispose();
            bias.Dispose();
        }

        convs.Clear();
    }
}

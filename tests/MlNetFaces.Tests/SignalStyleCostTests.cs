using MlNetFaces.Audio;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using MlNetFaces.Volumes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Tests;

/// <summary>The N-D costs equal the 2-D ones on degenerate shapes, and the standardised Gram is M times a correlation matrix.</summary>
public sealed class SignalStyleCostTests
{
    public SignalStyleCostTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void OneAndThreeDimensionalCostsEqualTheTwoDimensionalOnesOnDegenerateShapes()
    {
        using var scope = NewDisposeScope();
        var image = randn([1, 5, 6, 7]);
        var other = randn([1, 5, 6, 7]);
        var volume = image.unsqueeze(2); // [1, 5, 1, 6, 7]: a volume one slice deep
        var signal = image.reshape(1, 5, 42); // the same positions laid out in 1-D
        var gram = StyleCosts.Gram(image);
        Assert.True(gram.allclose(StyleCosts.Gram(volume)) && gram.allclose(StyleCosts.Gram(signal)));
        var styleGram = StyleCosts.Gram(other);
        var expected = StyleCosts.StyleLayer(styleGram, image).item<float>();
        Assert.Equal(expected, StyleCosts.StyleLayer(styleGram, volume).item<float>(), 5);
        Assert.Equal(expected, StyleCosts.StyleLayer(styleGram, signal).item<float>(), 5);
        Assert.Equal(StyleCosts.Content(image, other).item<float>(), StyleCosts.Content(volume, other.unsqueeze(2)).item<float>(), 3);
        Assert.Equal(StyleCosts.TotalVariation(image).item<float>(), StyleCosts.TotalVariation(volume).item<float>(), 3);
    }

    [Fact]
    public void TheAudioNetsOneDimensionalConvolutionIsATwoDimensionalOneOfHeightOne()
    {
        using var scope = NewDisposeScope();
        using var net = new AudioFeatureNet(bins: 9, filters: 12, kernelWidths: [5], seed: 2);
        var spectrogram = rand([1, 9, 30]);
        var tap = net.Extract(spectrogram).Single();

        // The same weights (probed from the net) as a 2-D convolution with kernel height 1 on a [1, 9, 1, 30] "image".
        var weights = ProbeWeights(net, 9, 5);
        var as2d = F.relu(F.conv2d(spectrogram.unsqueeze(2), weights.unsqueeze(2), padding: [0, 2]));
        Assert.True(tap.allclose(as2d.squeeze(2), rtol: 1e-4, atol: 1e-5));
        Assert.True(StyleCosts.Gram(tap).allclose(StyleCosts.Gram(as2d), rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void StandardisedGramIsPositionsTimesTheCorrelationMatrix()
    {
        using var scope = NewDisposeScope();
        var a = randn([1, 3, 4, 5, 6]).mul(tensor(new float[] { 1, 10, 100 }).reshape(1, 3, 1, 1, 1)).add(7);
        var gram = StyleCosts.Gram(StyleCosts.Standardize(a)) / 120;
        Assert.True(gram.diagonal(0, 1, 2).allclose(ones([1, 3]), atol: 1e-3));
        var flat = a.reshape(3, 120);
        var centred = flat - flat.mean([1], keepdim: true);
        var expected = centred.matmul(centred.T) / (centred.norm(1, keepdim: true) * centred.norm(1, keepdim: true).T);
        Assert.True(gram.squeeze(0).allclose(expected, atol: 1e-3));
    }

    [Fact]
    public void TheVolumeNetHasOneTapPerScaleAtHalvingResolutions()
    {
        using var scope = NewDisposeScope();
        using var net = new VolumeFeatureNet(scales: 3, baseFilters: 4);
        var taps = net.Extract(randn([1, 1, 8, 12, 16]));
        Assert.Equal(new long[] { 1, 4, 8, 12, 16 }, taps[0].shape);
        Assert.Equal(new long[] { 1, 8, 4, 6, 8 }, taps[1].shape);
        Assert.Equal(new long[] { 1, 16, 2, 3, 4 }, taps[2].shape);
        Assert.Equal([0.0, 1.0, 0.0], net.ContentWeights);
        Assert.True(net.StandardizeGram);
    }

    /// <summary>The net's [filters, bins, width] weights, read back from its response to unit impulses (bias is 0).</summary>
    private static Tensor ProbeWeights(AudioFeatureNet net, int bins, int width)
    {
        // A conv with a ReLU hides negative responses, so probe with +1 and −1 impulses and take the difference.
        var columns = new List<Tensor>();
        for (var b = 0; b < bins; b++)
        {
            var impulse = zeros([1, bins, width]);
            impulse[0, b, width / 2] = tensor(1f);
            var positive = net.Extract(impulse).Single();
            var negative = net.Extract(-impulse).Single();
            columns.Add((positive - negative).squeeze(0).flip(1)); // [filters, width], kernel order
        }

        return stack(columns, 1);
    }
}

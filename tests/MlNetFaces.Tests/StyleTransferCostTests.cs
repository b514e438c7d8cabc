using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>The Gatys costs against values worked out by hand on tiny tensors, in 1-D, 2-D and 3-D.</summary>
public sealed class StyleTransferCostTests
{
    public StyleTransferCostTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void GramIsAAtTransposeOverFlattenedPositions()
    {
        using var scope = NewDisposeScope();

        // 2-D: channels [1,2] and [3,4] on a 1×2 map: G = [[1+4, 3+8], [3+8, 9+16]].
        var image = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);
        Assert.Equal(new float[] { 5, 11, 11, 25 }, StyleCosts.Gram(image).data<float>().ToArray());

        // 1-D (audio-like): [1,0,2] and [0,1,1] over 3 steps.
        var audio = tensor(new float[] { 1, 0, 2, 0, 1, 1 }, [1, 2, 3]);
        Assert.Equal(new float[] { 5, 2, 2, 2 }, StyleCosts.Gram(audio).data<float>().ToArray());

        // 3-D (volume-like): one channel, 2×1×2 voxels 1..4: G = 1+4+9+16.
        var volume = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 1, 2]);
        Assert.Equal(new float[] { 30 }, StyleCosts.Gram(volume).data<float>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1 }, StyleCosts.Gram(volume).shape);
    }

    [Fact]
    public void ContentCostIsHalfTheSquaredDistance()
    {
        using var scope = NewDisposeScope();
        var c = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        var g = tensor(new float[] { 0, 2, 5, 4 }, [1, 1, 2, 2]);
        Assert.Equal(2.5, StyleCosts.Content(c, g).item<float>(), 6); // ½(1² + 0 + 2² + 0)
        Assert.Throws<ArgumentException>(() => StyleCosts.Content(c, zeros(1, 1, 2, 3)));
    }

    [Fact]
    public void StyleNormalisationIsOneOverTwiceHeightWidthChannelsSquared()
    {
        Assert.Equal(1.0 / 900, StyleCosts.StyleNormalization(channels: 3, positions: 5), 15); // 1/(2·5·3)²
        var expected = 1.0 / (4.0 * 64 * 64 * 32 * 32 * 32 * 32);
        Assert.Equal(1.0, StyleCosts.StyleNormalization(64, 32 * 32) / expected, 12);
    }

    [Fact]
    public void StyleLayerCostMatchesTheFormula()
    {
        using var scope = NewDisposeScope();

        // G(G) = [[5,11],[11,25]]; G(S) = [[4,10],[10,20]]: ‖ΔG‖² = 1+1+1+25 = 28; n_C = 2, n_H·n_W = 2: 28/(2·2·2)² = 0.4375.
        var generated = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);
        var styleGram = tensor(new float[] { 4, 10, 10, 20 }, [1, 2, 2]);
        Assert.Equal(0.4375, StyleCosts.StyleLayer(styleGram, generated).item<float>(), 6);

        // The same maps laid out in 1-D and 3-D give the same cost (all spatial axes are flattened).
        Assert.Equal(0.4375, StyleCosts.StyleLayer(styleGram, generated.reshape(1, 2, 2)).item<float>(), 6);
        Assert.Equal(0.4375, StyleCosts.StyleLayer(styleGram, generated.reshape(1, 2, 1, 1, 2)).item<float>(), 6);

        // J_style = Σ λ_l J_style^l.
        var second = tensor(new float[] { 1, 1 }, [1, 1, 2]);          // G = [[2]]
        var secondTarget = tensor(new float[] { 4 }, [1, 1, 1]);      // ΔG = 2: 4/(2·2·1)² = 0.25
        var total = StyleCosts.Style([(styleGram, generated, 0.3), (secondTarget, second, 0.7)]);
        Assert.Equal((0.3 * 0.4375) + (0.7 * 0.25), total.item<float>(), 6);

        Assert.Throws<ArgumentException>(() => StyleCosts.StyleLayer(zeros(1, 3, 3), generated));
    }

    [Fact]
    public void RescaledGramMatchesACostOnEqualPositions()
    {
        using var scope = NewDisposeScope();

        // A style map tiled twice has twice the positions and twice the Gram; rescaled to the generated size it is the same target.
        var style = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]);
        var tiled = cat([style, style], 3);
        var rescaled = StyleCosts.RescaleGram(StyleCosts.Gram(tiled), 4, 2);
        Assert.Equal(StyleCosts.Gram(style).data<float>().ToArray(), rescaled.data<float>().ToArray());
    }

    [Fact]
    public void TotalVariationAndTotalCost()
    {
        using var scope = NewDisposeScope();

        // [[1,2,4],[0,0,0]]: along x (2−1)² + (4−2)² = 5; along y 1² + 2² + 4² = 21.
        var image = tensor(new float[] { 1, 2, 4, 0, 0, 0 }, [1, 1, 2, 3]);
        Assert.Equal(26, StyleCosts.TotalVariation(image).item<float>(), 6);
        Assert.Equal(5, StyleCosts.TotalVariation(image.narrow(2, 0, 1).reshape(1, 1, 3)).item<float>(), 6); // 1-D

        // J = α·J_content + β·J_style + w_TV·TV = 2·3 + 10·0.5 + 0.1·26.
        var j = StyleCosts.Total(2, tensor(3f), 10, tensor(0.5f), 0.1, tensor(26f));
        Assert.Equal(13.6, j.item<float>(), 5);
    }

    [Fact]
    public void SwagSmoothingIsASpatialSoftmaxScaledToMeanOne()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 0, 1, 2, 3, 5, 5, 5, 5 }, [1, 2, 2, 2]);
        var s = SwagSmoothing.Apply(a);
        Assert.Equal(a.shape, s.shape);
        var values = s.data<float>().ToArray();
        var e = new[] { 1.0, Math.E, Math.Exp(2), Math.Exp(3) };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(4 * e[i] / e.Sum(), values[i], 5);
            Assert.Equal(1.0, values[4 + i], 5); // a constant channel is flat
        }

        // Softmax ignores a per-channel offset.
        Assert.True((SwagSmoothing.Apply(a + 7) - s).abs().max().item<float>() < 1e-4);
        Assert.Throws<ArgumentOutOfRangeException>(() => SwagSmoothing.Apply(a, 0));
    }

    [Fact]
    public void GradientsOfEachCostReachTheInput()
    {
        using var scope = NewDisposeScope();
        var target = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        var x = zeros(1, 1, 2, 2).requires_grad_(true);
        StyleCosts.Content(target, x).backward();
        Assert.Equal(new float[] { -1, -2, -3, -4 }, x.grad!.data<float>().ToArray()); // d/dx ½‖c − x‖² = x − c

        var y = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]).requires_grad_(true);
        var styleTarget = tensor(new float[] { 4, 10, 10, 20 }, [1, 2, 2]);
        var loss = StyleCosts.Style([(styleTarget, y, 1.0)]) + StyleCosts.TotalVariation(y);
        loss.backward();
        Assert.True(y.grad!.abs().sum().item<float>() > 0);

        // d/dA of c·‖S − AAᵀ‖² is −4c(S − AAᵀ)A, with c = 1/64 here.
        var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var expected = (tensor(new float[] { 4, 10, 10, 20 }, [2, 2]) - a.matmul(a.t())).matmul(a) * (-4.0 / 64);
        var z = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 1, 2]).requires_grad_(true);
        StyleCosts.StyleLayer(styleTarget, z).backward();
        var got = z.grad!.reshape(2, 2);
        Assert.True((got - expected).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void YiqRoundTripsAndKeepsChroma()
    {
        using var scope = NewDisposeScope();
        var rgb = rand(1, 3, 5, 7) * 255;
        var back = YiqColor.ToRgb(YiqColor.FromRgb(rgb));
        Assert.True((back - rgb).abs().max().item<float>() < 1e-3);

        var other = rand(1, 3, 5, 7) * 255;
        var combined = YiqColor.CombineLuminance(other, rgb);
        var yiq = YiqColor.FromRgb(combined);
        Assert.True((yiq.narrow(1, 1, 2) - YiqColor.FromRgb(rgb).narrow(1, 1, 2)).abs().max().item<float>() < 1e-3);
        Assert.True((yiq.narrow(1, 0, 1) - YiqColor.FromRgb(other).narrow(1, 0, 1)).abs().max().item<float>() < 1e-3);
    }
}

using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Tests;

/// <summary>
/// Input gradients of thin convolutions (output channels not a multiple of 16), which oneDNN's CPU kernels got wrong on
/// this project's machine (errors up to 4, NaN now and then), match the float64 gradient; outputs are unchanged.
/// </summary>
public class ThinConvolutionTests
{
    [Theory]
    [InlineData(4, 8, 16, PaddingModes.Zeros)]
    [InlineData(32, 3, 64, PaddingModes.Zeros)]
    [InlineData(1, 8, 32, PaddingModes.Zeros)]
    [InlineData(3, 4, 32, PaddingModes.Reflect)]
    public void ModuleInputGradientsMatchFloat64(int input, int output, int size, PaddingModes mode)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var random = new Generator(7);
        using var conv = nn.Conv2d(input, output, 3, padding: 1, padding_mode: mode);
        var x = randn([16, input, size, size], generator: random);
        var g = randn([16, output, size, size], generator: random);
        using var reference = conv.to(ScalarType.Float64);
        var exact = InputGradient(x.to(ScalarType.Float64), g.to(ScalarType.Float64), t => reference.forward(t));
        conv.to(ScalarType.Float32);
        for (var run = 0; run < 5; run++)
        {
            var error = (InputGradient(x, g, t => ThinConvolution.Forward(conv, t)).to(ScalarType.Float64) - exact).abs().max().item<double>();
            Assert.True(error < 1e-3, $"run {run}: largest error {error}");
        }

        using (no_grad())
        {
            Assert.True(ThinConvolution.Forward(conv, x).allclose(conv.forward(x), rtol: 1e-5, atol: 1e-5));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void FunctionalInputGradientsMatchFloat64In1DAnd3D(int rank)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var random = new Generator(3);
        long[] spatial = rank == 3 ? [64] : [12, 12, 12];
        var x = randn([4, 1, .. spatial], generator: random);
        var w = randn([8, 1, .. spatial.Select(_ => 3L)], generator: random) * 0.3;
        var b = randn([8], generator: random);
        var g = randn([4, 8, .. spatial], generator: random);
        long[] ones = [.. spatial.Select(_ => 1L)];
        var exact = InputGradient(x.to(ScalarType.Float64), g.to(ScalarType.Float64), t => ThinConvolution.Forward(t, w.to(ScalarType.Float64), b.to(ScalarType.Float64), ones, ones));
        var error = (InputGradient(x, g, t => ThinConvolution.Forward(t, w, b, ones, ones)).to(ScalarType.Float64) - exact).abs().max().item<double>();
        Assert.True(error < 1e-3, $"largest error {error}");
    }

    private static Tensor InputGradient(Tensor x, Tensor g, Func<Tensor, Tensor> conv)
    {
        var leaf = x.detach().clone().requires_grad_(true);
        (conv(leaf) * g).sum().backward();
        return leaf.grad!.detach();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Torch;

/// <summary>
/// Convolutions with exact input gradients on the CPU. oneDNN 3.7.1 (inside libtorch 2.10) computes the input gradient
/// of a float32 convolution wrongly when its output channels are not a multiple of its register block (16 with
/// AVX-512, 8 with AVX2). Measured on this project's AMD EPYC machine against the float64 gradient, 3×3 kernels:
/// <list type="bullet">
/// <item>4→8 channels on 16×16 maps: wrong by up to 4.06, NaN in about 1 run in 10, a different result on every
/// run;</item>
/// <item>32→3 on 64×64: wrong by 4.27 (7.79 with AVX2), NaN now and then; 1→8 and 3→4: wrong;</item>
/// <item>8→16, 16→32, 3→64: exact. Forward passes and weight gradients are exact in every case.</item>
/// </list>
/// It turned the width-4 face net's weights NaN, and fast style training (its last convolution has 3 outputs) diverged
/// within 8 iterations in 4 of 6 runs. Where the input needs a gradient, <see cref="Forward(Convolution, Tensor)"/>
/// appends zero filters up to a multiple of 16 and drops their outputs: the same values, exact gradients, at the cost
/// of the zero filters' arithmetic. Elsewhere (inference, first layers, CUDA) it is the plain convolution.
/// </summary>
internal static class ThinConvolution
{
    /// <summary>The output-channel multiple that both oneDNN blocks (16 and 8) divide.</summary>
    public const int Block = 16;

    /// <summary>The module's forward pass (1-D, 2-D or 3-D; zero, reflect or other padding), with exact gradients.</summary>
    public static Tensor Forward(Convolution conv, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(x);
        var extra = ExtraFilters(x, conv.out_channels);
        if (extra == 0 || conv.groups != 1 || conv.transposed || conv.padding is not { } padding)
        {
            return conv.forward(x); // a 'same'/'valid' padding string keeps libtorch's own handling
        }

        using var scope = NewDisposeScope();
        var input = x;
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            // torch pads the last dimension first: [left, right, top, bottom, front, back].
            input = F.pad(x, padding.Reverse().SelectMany(p => new[] { p, p }).ToArray(), conv.padding_mode);
            padding = new long[padding.Length];
        }

        return Apply(input, conv.weight!, conv.bias, conv.stride, padding, conv.dilation, extra).MoveToOuterDisposeScope();
    }

    /// <summary><c>F.conv1d/2d/3d</c> (by the weight's rank) with zero padding, with exact gradients.</summary>
    public static Tensor Forward(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var dilation = Enumerable.Repeat(1L, padding.Length).ToArray();
        return Apply(x, weight, bias, stride, padding, dilation, ExtraFilters(x, weight.shape[0])).MoveToOuterDisposeScope();
    }

    /// <summary>The zero filters to append: up to a multiple of <see cref="Block"/> where the input needs a gradient on the CPU.</summary>
    private static long ExtraFilters(Tensor x, long outputs) =>
        x.requires_grad && x.device_type == DeviceType.CPU && outputs % Block != 0 ? Block - (outputs % Block) : 0;

    private static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long extra)
    {
        var outputs = weight.shape[0];
        if (extra > 0)
        {
            var shape = weight.shape.ToArray();
            shape[0] = extra;
            weight = cat([weight, zeros(shape, weight.dtype, weight.device)]);
            bias = bias is null ? null : cat([bias, zeros([extra], bias.dtype, bias.device)]);
        }

        var y = weight.dim() switch
        {
            3 => F.conv1d(x, weight, bias, stride[0], padding[0], dilation[0]),
            4 => F.conv2d(x, weight, bias, stride, padding, dilation),
            5 => F.conv3d(x, weight, bias, stride, padding, dilation),
            _ => throw new ArgumentException($"Expected a 1-D, 2-D or 3-D convolution weight, got [{string.Join(',', weight.shape)}].", nameof(weight)),
        };
        return extra > 0 ? y.narrow(1, 0, outputs) : y;
    }
}

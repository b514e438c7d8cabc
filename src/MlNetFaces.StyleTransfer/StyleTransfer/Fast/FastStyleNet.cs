using MlNetFaces.Torch;
using MlNetFaces.Torch.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer.Fast;

/// <summary>
/// The feed-forward style network of Johnson, Alahi and Fei-Fei (2016): reflection-padded 9×9 conv, two stride-2
/// convs, residual blocks, two nearest ×2 upsamplings with 3×3 convs and a 9×9 output conv, instance normalisation
/// and ReLU throughout. RGB 0..255 in, RGB 0..255 out (sigmoid); height and width must be multiples of 4.
/// The <c>width</c> argument is the first layer's channel count (Johnson: 32); the default 16 stylises a 512 px image in
/// well under a second on two CPU cores.
/// </summary>
public sealed class FastStyleNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>The input of the exported ONNX model: float [N,3,H,W], RGB 0..255.</summary>
    public const string OnnxInputName = "pixels";
    /// <summary>The output of the exported ONNX model: float [N,3,H,W], RGB 0..255.</summary>
    public const string OnnxOutputName = "stylized";

    private readonly Sequential encoder;
    private readonly ModuleList<ResidualBlock> residuals;
    private readonly Sequential decoder;
    private readonly Conv2d output;

    /// <summary>A randomly initialised network.</summary>
    /// <param name="width">The first layer's channel count, at least 4; the deeper layers have 2× and 4× as many.</param>
    /// <param name="residualBlocks">Residual blocks at the lowest resolution (0 or more).</param>
    public FastStyleNet(int width = 16, int residualBlocks = 5)
        : base(nameof(FastStyleNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(residualBlocks);
        Width = width;
        ResidualBlocks = residualBlocks;
        encoder = nn.Sequential(
            ("conv1", Conv(3, width, 9, 1)), ("in1", Norm(width)), ("relu1", nn.ReLU()),
            ("conv2", Conv(width, 2 * width, 3, 2)), ("in2", Norm(2 * width)), ("relu2", nn.ReLU()),
            ("conv3", Conv(2 * width, 4 * width, 3, 2)), ("in3", Norm(4 * width)), ("relu3", nn.ReLU()));
        residuals = new ModuleList<ResidualBlock>(Enumerable.Range(0, residualBlocks).Select(_ => new ResidualBlock(4 * width)).ToArray());
        decoder = nn.Sequential(
            ("up1", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)), ("conv4", Conv(4 * width, 2 * width, 3, 1)), ("in4", Norm(2 * width)), ("relu4", nn.ReLU()),
            ("up2", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)), ("conv5", Conv(2 * width, width, 3, 1)), ("in5", Norm(width)), ("relu5", nn.ReLU()));
        output = Conv(width, 3, 9, 1);
        RegisterComponents();
    }

    /// <summary>The first layer's channel count.</summary>
    public int Width { get; }

    /// <summary>Residual blocks at the lowest resolution.</summary>
    public int ResidualBlocks { get; }

    /// <summary>Stylises a batch of images.</summary>
    /// <param name="input">RGB [N,3,H,W], 0..255, H and W multiples of 4.</param>
    /// <returns>The stylised images [N,3,H,W], 0..255.</returns>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 3 || input.shape[2] % 4 != 0 || input.shape[3] % 4 != 0)
        {
            throw new ArgumentException($"Expected RGB [N,3,H,W] with H and W multiples of 4, got [{string.Join(',', input.shape)}].", nameof(input));
        }

        using var scope = NewDisposeScope();
        var h = Run(encoder, input / 255.0);
        foreach (var block in residuals)
        {
            h = block.forward(h);
        }

        h = ThinConvolution.Forward(output, Run(decoder, h));
        return (h.sigmoid() * 255.0).MoveToOuterDisposeScope();
    }

    /// <summary>The net as ONNX: input <see cref="OnnxInputName"/> [N,3,size,size] RGB 0..255, output <see cref="OnnxOutputName"/>.</summary>
    public byte[] ExportOnnx(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(size % 4, 0, nameof(size));
        return OnnxExport.Export(this, OnnxInputName, [-1, 3, size, size], OnnxOutputName);
    }

    /// <inheritdoc/>
    public string EmitOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var h = graph.Div(input, graph.AddInitializer("pixel_scale", [255f]));
        h = EmitSequential(graph, encoder, "encoder", h);
        for (var i = 0; i < residuals.Count; i++)
        {
            using var scope = graph.Scope($"residual{i}");
            h = residuals[i].EmitOnnx(graph, h);
        }

        h = EmitSequential(graph, decoder, "decoder", h);
        h = graph.Conv(h, output, "output");
        return graph.Mul(graph.Sigmoid(h), graph.AddInitializer("pixel_range", [255f]));
    }

    /// <summary>Conv / InstanceNorm2d / ReLU / Upsample layers of a Sequential, in order.</summary>
    internal static string EmitSequential(OnnxGraphBuilder graph, Sequential layers, string name, string x)
    {
        using var scope = graph.Scope(name);
        foreach (var (layerName, layer) in layers.named_children())
        {
            x = layer switch
            {
                Conv2d conv => graph.Conv(x, conv, layerName),
                InstanceNorm2d norm => EmitNorm(graph, norm, layerName, x),
                ReLU => graph.Relu(x),
                Upsample => graph.Resize(x, [1f, 1f, 2f, 2f]),
                _ => throw new NotSupportedException($"{layer.GetType().Name} has no ONNX export here."),
            };
        }

        return x;
    }

    private static string EmitNorm(OnnxGraphBuilder graph, InstanceNorm2d norm, string name, string x)
    {
        using var scope = graph.Scope(name);
        return graph.InstanceNormalization(x, graph.AddInitializer("weight", norm.weight!), graph.AddInitializer("bias", norm.bias!), (float)norm.eps);
    }

    /// <summary>
    /// A sequence's forward pass with its convolutions through <see cref="ThinConvolution"/> (exact gradients); like
    /// <c>Sequential.forward</c>, it frees each intermediate result once the next layer has read it.
    /// </summary>
    private static Tensor Run(Sequential sequence, Tensor x)
    {
        var h = x;
        foreach (var (_, layer) in sequence.named_children())
        {
            var next = layer is Convolution conv ? ThinConvolution.Forward(conv, h) : ((nn.Module<Tensor, Tensor>)layer).forward(h);
            if (!ReferenceEquals(h, x) && !ReferenceEquals(h, next))
            {
                h.Dispose();
            }

            h = next;
        }

        return h;
    }

    internal static Conv2d Conv(long inChannels, long outChannels, long kernel, long stride) =>
        nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, padding_mode: PaddingModes.Reflect);

    internal static InstanceNorm2d Norm(long channels) => nn.InstanceNorm2d(channels, affine: true);

    /// <summary><c>x + IN(conv(ReLU(IN(conv(x)))))</c>.</summary>
    private sealed class ResidualBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Sequential body;

        public ResidualBlock(long channels)
            : base(nameof(ResidualBlock))
        {
            body = nn.Sequential(("conv1", Conv(channels, channels, 3, 1)), ("in1", Norm(channels)), ("relu", nn.ReLU()), ("conv2", Conv(channels, channels, 3, 1)), ("in2", Norm(channels)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var residual = Run(body, input);
            return input + residual;
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input) => graph.Add(input, EmitSequential(graph, body, "body", input));
    }
}

using MlNetFaces.Torch;
using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>3×3 'same' convolution (no bias), batch norm, ReLU; exports with the batch norm folded into the convolution.</summary>
internal sealed class ConvBnRelu : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    public ConvBnRelu(long inputChannels, long outputChannels)
        : base(nameof(ConvBnRelu))
    {
        conv = nn.Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: false);
        bn = nn.BatchNorm2d(outputChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var y = ThinConvolution.Forward(conv, input);
        using var z = bn.forward(y);
        return z.relu();
    }

    /// <summary><c>W' = W·γ/√(σ²+ε)</c>, <c>b' = β − μ·γ/√(σ²+ε)</c> with the running statistics (eval mode).</summary>
    public string EmitOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scale = bn.weight! / (bn.running_var! + bn.eps).sqrt();
        var weight = graph.AddInitializer("weight", conv.weight! * scale.view(-1, 1, 1, 1));
        var bias = graph.AddInitializer("bias", bn.bias! - (bn.running_mean! * scale));
        return graph.Relu(graph.Conv(input, weight, bias, pads: [1, 1, 1, 1]));
    }
}

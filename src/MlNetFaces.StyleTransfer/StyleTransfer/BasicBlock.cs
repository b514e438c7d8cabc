using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>torchvision's ResNet <c>BasicBlock</c>: two 3×3 conv + BN, with a 1×1 conv + BN projection when the shape changes.</summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inChannels, long outChannels, long stride)
        : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            downsample = nn.Sequential(
                ("0", nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false)),
                ("1", nn.BatchNorm2d(outChannels)));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = bn2.forward(conv2.forward(bn1.forward(conv1.forward(input)).relu_()));
        var shortcut = downsample is null ? input : downsample.forward(input);
        return y.add_(shortcut).relu_().MoveToOuterDisposeScope();
    }
}

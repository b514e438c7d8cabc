using MlNetFaces.StyleTransfer;
using MlNetFaces.Volumes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Tests.Volumes;

/// <summary>The pretrained ResNet18's first layers inflated to 3-D.</summary>
public class InflatedResNetVolumeNetTests
{
    [Fact]
    public void AVolumeConstantAlongDepthGivesEachSliceTheTwoDimensionalResponse()
    {
        using var backbone = ResNet18Backbone.Load();
        var state = backbone.state_dict();
        using var net = new InflatedResNetVolumeNet(state);
        using var scope = NewDisposeScope();
        var slice = rand([1, 1, 24, 24], generator: new TorchSharp.torch.Generator(3)) - 0.5;
        var volume = slice.unsqueeze(2).expand(-1, -1, 16, -1, -1).contiguous();
        var taps = net.Extract(volume);
        Assert.Equal(new long[] { 1, 64, 8, 12, 12 }, taps[0].shape);
        Assert.Equal(new long[] { 1, 64, 4, 6, 6 }, taps[1].shape);

        // The 2-D stem on the grey slice repeated in three colours, batch norm applied as torchvision does.
        var rgb = (slice * InflatedResNetVolumeNet.InputScale).expand(-1, 3, -1, -1);
        var conv = F.conv2d(rgb, state["conv1.weight"], strides: [2, 2], padding: [3, 3]);
        var expected = F.relu(F.batch_norm(conv, state["bn1.running_mean"], state["bn1.running_var"], state["bn1.weight"], state["bn1.bias"], training: false, eps: 1e-5));

        // Depth positions away from the padded ends see the same slice through the whole 7-deep kernel.
        var middle = taps[0][.., .., 4];
        var worst = (middle - expected).abs().max().item<float>();
        Assert.True(worst < 1e-3 * expected.abs().max().item<float>(), $"inflated stem differs by {worst}");
    }

    [Fact]
    public void StyleFallsWithTheInflatedNetAndTheHeaderIsKept()
    {
        var content = VolumeStyleTransferTests.Sphere(32, 24);
        var result = VolumeStyleTransfer.Run(content, VolumeStyleTransferTests.Stripes(24, seed: 1), new VolumeStyleOptions { Net = VolumeNet.InflatedResNet18, Steps = 20 });
        Assert.True(result.Optimization.StyleLossDrop > 10, $"style loss fell {result.Optimization.StyleLossDrop:0.0}x");
        Assert.Equal(content.Header.ToArray(), result.Volume.Header.ToArray());
    }
}

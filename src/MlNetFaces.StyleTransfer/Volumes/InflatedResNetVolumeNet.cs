using MlNetFaces.StyleTransfer;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Volumes;

/// <summary>
/// The pretrained ResNet18's first layers inflated to 3-D (Carreira &amp; Zisserman 2017): every k×k kernel repeated
/// k times along depth and divided by k, so that a volume constant along depth gives the 2-D response of each slice;
/// the three colour input channels summed, since a volume is grey; eval-mode batch norms folded into the convolutions.
/// Taps: <c>relu</c> (7×7×7 stem, stride 2, 64 channels) and <c>layer1.0</c> (after a 3×3×3 max pool, the first basic
/// block). Both are style taps (λ ½), <c>layer1.0</c> is the content tap. The volume arrives standardised and is
/// scaled to the spread of the ImageNet pixels the net was trained on (<see cref="InputScale"/>).
/// </summary>
internal sealed class InflatedResNetVolumeNet : IVolumeFeatureNet
{
    /// <summary>Standardised voxels × this ≈ the ResNet's mean-subtracted 0..255 pixels (their standard deviation is about 60).</summary>
    public const double InputScale = 60;

    private readonly (Tensor Weight, Tensor Bias) stem;
    private readonly (Tensor Weight, Tensor Bias) block1;
    private readonly (Tensor Weight, Tensor Bias) block2;

    public InflatedResNetVolumeNet(IReadOnlyDictionary<string, Tensor> resnetState)
    {
        ArgumentNullException.ThrowIfNull(resnetState);
        using (no_grad())
        {
            stem = Fold(resnetState, "conv1", "bn1", sumColours: true);
            block1 = Fold(resnetState, "layer1.0.conv1", "layer1.0.bn1", sumColours: false);
            block2 = Fold(resnetState, "layer1.0.conv2", "layer1.0.bn2", sumColours: false);
        }
    }

    /// <summary>Built from the pretrained ResNet18 of the NuGet package (loaded, inflated, released).</summary>
    public static InflatedResNetVolumeNet Load()
    {
        using var backbone = ResNet18Backbone.Load();
        return new InflatedResNetVolumeNet(backbone.state_dict());
    }

    public IReadOnlyList<double> ContentWeights { get; } = [0, 1];

    public IReadOnlyList<double> StyleWeights { get; } = [0.5, 0.5];

    public bool StandardizeGram => true;

    public int MinimumSide => 4;

    public IReadOnlyList<Tensor> Extract(Tensor signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        using var scope = NewDisposeScope();
        var relu = F.relu(F.conv3d(signal * InputScale, stem.Weight, stem.Bias, strides: [2, 2, 2], padding: [3, 3, 3]));
        var pooled = F.max_pool3d(relu, [3, 3, 3], [2, 2, 2], [1, 1, 1]);
        var h = F.relu(F.conv3d(pooled, block1.Weight, block1.Bias, padding: [1, 1, 1]));
        var layer1 = F.relu(F.conv3d(h, block2.Weight, block2.Bias, padding: [1, 1, 1]) + pooled);
        return [relu.MoveToOuterDisposeScope(), layer1.MoveToOuterDisposeScope()];
    }

    public void Dispose()
    {
        foreach (var (weight, bias) in new[] { stem, block1, block2 })
        {
            weight.Dispose();
            bias.Dispose();
        }
    }

    /// <summary>conv [O,I,k,k] with its batch norm → inflated [O,I',k,k,k] weight and bias.</summary>
    internal static (Tensor Weight, Tensor Bias) Fold(IReadOnlyDictionary<string, Tensor> state, string conv, string norm, bool sumColours)
    {
        using var scope = NewDisposeScope();
        var weight = state[conv + ".weight"].detach().to(ScalarType.Float32);
        var gamma = state[norm + ".weight"].detach();
        var beta = state[norm + ".bias"].detach();
        var mean = state[norm + ".running_mean"].detach();
        var variance = state[norm + ".running_var"].detach();
        var scale = gamma / (variance + 1e-5).sqrt();
        if (sumColours)
        {
            weight = weight.sum(1, keepdim: true);
        }

        var k = weight.shape[^1];
        var inflated = weight.unsqueeze(2).expand(-1, -1, k, -1, -1) / k * scale.view(-1, 1, 1, 1, 1);
        var bias = beta - (mean * scale);
        return (inflated.contiguous().DetachFromDisposeScope(), bias.DetachFromDisposeScope());
    }
}

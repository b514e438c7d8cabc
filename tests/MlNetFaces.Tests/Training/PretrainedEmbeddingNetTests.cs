using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Faces;
using MlNetFaces.Training;
using static TorchSharp.torch;

namespace MlNetFaces.Tests.Training;

/// <summary>The fine-tuning net: before training (head = the pretrained projection, no normalisation) it is the pretrained descriptor.</summary>
public class PretrainedEmbeddingNetTests
{
    [Fact]
    public void UntrainedNetIsThePretrainedDescriptorInTorchSharpAndOnnx()
    {
        using var scope = NewDisposeScope();
        var net = EmbeddingNetworks.Create(new EmbeddingNetworkSpec(NetworkSource.Pretrained, Normalize: false), TestPaths.Models);
        var pretrained = FaceModels.Get(TestPaths.Models).RecognitionNet(RecognitionWeights.DlibFloat32);
        using var generator = new Generator(3);
        var images = rand([2, 3, 150, 150], generator: generator) * 255;
        Tensor expected, actual;
        using (no_grad())
        {
            expected = pretrained.forward(images);
            actual = net.forward(images);
        }

        Assert.True(OnnxRuntimeRunner.MaxAbsDiff(actual, expected) < 1e-5);
        using var session = new InferenceSession(net.ExportOnnx());
        Assert.True(OnnxRuntimeRunner.MaxAbsDiff(OnnxRuntimeRunner.Run(session, images), expected) < 1e-4);
    }

    [Fact]
    public void FreezingTheTrunkLeavesOnlyTheHeadTrainable()
    {
        var net = (PretrainedEmbeddingNet)EmbeddingNetworks.Create(new EmbeddingNetworkSpec(NetworkSource.Pretrained, EmbeddingDimension: 64), TestPaths.Models);
        net.FreezeTrunk(true);
        Assert.All(net.TrunkParameters(), p => Assert.False(p.requires_grad));
        Assert.All(net.HeadParameters(), p => Assert.True(p.requires_grad));
        net.FreezeTrunk(false);
        Assert.All(net.TrunkParameters(), p => Assert.True(p.requires_grad));
    }
}

using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Tests.Training;

/// <summary>Gradients flow: each loss and mining strategy decreases on a toy problem; the compact CNN trains and exports.</summary>
public class TrainingToyTests
{
    [Theory]
    [InlineData(LossKind.Triplet, MiningStrategy.SemiHard)]
    [InlineData(LossKind.Triplet, MiningStrategy.BatchHard)]
    [InlineData(LossKind.Triplet, MiningStrategy.BatchAll)]
    [InlineData(LossKind.SoftTriplet, MiningStrategy.BatchHard)]
    [InlineData(LossKind.Contrastive, MiningStrategy.BatchAll)]
    public void LossDecreasesOnSeparableClusters(LossKind loss, MiningStrategy mining)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var generator = new Generator(5);
        // 4 identities × 6 samples: a centre in 16-D plus noise; a linear map 16 → 8 must separate them.
        var centres = randn([4, 16], generator: generator);
        var labels = arange(4).repeat_interleave(6);
        var features = centres.index_select(0, labels) + (0.8 * randn([24, 16], generator: generator));
        var net = nn.Linear(16, 8);
        var optimizer = optim.Adam(net.parameters(), 0.05);
        var options = new EmbeddingLossOptions { Loss = loss, Mining = mining };
        double first = 0, last = 0;
        for (var step = 0; step < 60; step++)
        {
            using var stepScope = NewDisposeScope();
            var result = EmbeddingLosses.Compute(net.forward(features), labels, options);
            optimizer.zero_grad();
            result.Loss.backward();
            optimizer.step();
            last = result.Loss.item<float>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(first > 0, $"initial loss {first}");
        Assert.True(last < 0.5 * first, $"loss {first} → {last}");
    }

    [Fact]
    public void CompactCnnExportsToOnnxThatMatchesTorchSharp()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var net = new CompactFaceCnn(new EmbeddingNetworkSpec(NetworkSource.Scratch, EmbeddingDimension: 16, ImageSize: 64, Width: 8));
        // A few training steps so that the batch-norm running statistics are not the identity.
        var optimizer = optim.Adam(net.parameters(), 0.01);
        net.train();
        for (var i = 0; i < 3; i++)
        {
            using var s = NewDisposeScope();
            var loss = net.forward(rand([8, 3, 150, 150]) * 255).pow(2).sum();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        net.eval();
        var images = rand([3, 3, 150, 150]) * 255;
        Tensor expected;
        using (no_grad())
        {
            expected = net.forward(images);
        }

        using var session = new InferenceSession(net.ExportOnnx());
        var actual = OnnxRuntimeRunner.Run(session, images);
        Assert.Equal(new long[] { 3, 16 }, actual.shape);
        var diff = OnnxRuntimeRunner.MaxAbsDiff(actual, expected);
        Assert.True(diff < 1e-4, $"max abs diff {diff}");
        Assert.True(expected.norm(1).sub(1).abs().max().item<float>() < 1e-5, "outputs are unit vectors");
    }
}

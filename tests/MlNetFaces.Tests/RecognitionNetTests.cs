using MlNetFaces.Faces;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class RecognitionNetTests(ITestOutputHelper output)
{
    private static readonly Lazy<FaceRecognitionNet> Net = new(() => FaceRecognitionNet.Load(TestPaths.Models, RecognitionWeights.FaceApi8Bit));

    [Theory]
    [MemberData(nameof(Engines.Each), MemberType = typeof(Engines))]
    public void SyntheticPatternMatchesTheJsReference(InferenceEngine engine)
    {
        var expected = JsReference.Floats(JsReference.RawVectors.GetProperty("recognition_150_pattern"));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pattern = JsReference.Pattern(150, 150);
        var descriptor = engine == InferenceEngine.TorchSharp ? Net.Value.forward(pattern) : OnnxRuntimeRunner.Run(Net.Value.ExportOnnx(), pattern);

        Assert.Equal(new long[] { 1, FaceRecognitionNet.DescriptorSize }, descriptor.shape);
        var actual = descriptor.data<float>().ToArray();
        var maxDiff = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        output.WriteLine($"recognition_150_pattern on {engine}: max abs diff {maxDiff:E2}");
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
    }

    [Fact]
    public void BatchRowsEqualSinglePasses()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = JsReference.Pattern(150, 150);
        var b = 255 - a.flip(3);
        var batch = Net.Value.forward(cat([a, b], 0));
        var single = cat([Net.Value.forward(a), Net.Value.forward(b)], 0);

        var maxDiff = (batch - single).abs().max().item<float>();
        output.WriteLine($"batch vs single: max abs diff {maxDiff:E2}");
        Assert.True(maxDiff <= 1e-5, $"max abs diff {maxDiff}");
        Assert.True((batch[0] - batch[1]).abs().max().item<float>() > 1e-2, "the two inputs should give different descriptors");
    }

    [Fact]
    public void DescriptorIsTheProjectionOfTheFeatures()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = JsReference.Pattern(150, 150);
        var features = Net.Value.Features(x);
        var fc = Net.Value.named_parameters().Single(p => p.name == "fc.weight").parameter;

        Assert.Equal(new long[] { 1, FaceRecognitionNet.FeatureSize }, features.shape);
        Assert.True(features.min().item<float>() >= 0, "pooled ReLU features are non-negative");
        var projected = features.matmul(fc.t());
        Assert.True((projected - Net.Value.forward(x)).abs().max().item<float>() <= 1e-6);
    }

    [Fact]
    public void TrunkGetsGradients()
    {
        var net = Net.Value;
        using var scope = NewDisposeScope();
        try
        {
            net.Features(JsReference.Pattern(150, 150)).sum().backward();
            var grad = net.named_parameters().Single(p => p.name == "conv32_down.weight").parameter.grad;
            Assert.NotNull(grad);
            Assert.True(grad.abs().sum().item<float>() > 0);
        }
        finally
        {
            net.zero_grad();
        }
    }
}

using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>The ResNet18 port against ONNX Runtime, its taps, and the VGG-19 file plumbing (random weights).</summary>
[Collection(ResNet18Tests.Name)]
public sealed class StyleTransferBackboneTests
{
    private readonly ResNet18Fixture fixture;

    public StyleTransferBackboneTests(ResNet18Fixture fixture) => this.fixture = fixture;

    /// <summary>The reference input: RGB v[c][y][x] = (3x + 7y + 50c + (x·y) mod 13) mod 256, 224×224.</summary>
    internal static float[] ReferencePattern()
    {
        var values = new float[3 * 224 * 224];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 224; y++)
            {
                for (var x = 0; x < 224; x++)
                {
                    values[(((c * 224) + y) * 224) + x] = ((3 * x) + (7 * y) + (50 * c) + (x * y % 13)) % 256;
                }
            }
        }

        return values;
    }

    [Fact]
    public void PreprocessingMatchesTheReference()
    {
        using var scope = NewDisposeScope();
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "resnet18_ort_reference.json"))).RootElement;
        var net = fixture.Net;
        net.Mean = ResNetMean.Image;
        var pre = net.Preprocess(tensor(ReferencePattern(), [1, 3, 224, 224]));
        var first = pre.flatten().slice(0, 0, 8, 1).data<float>().ToArray();
        var expected = reference.GetProperty("preprocessed_first8").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], first[i], 4);
        }

        Assert.Equal(reference.GetProperty("preprocessed_sum").GetDouble(), pre.to(float64).sum().item<double>(), 0);
        net.Mean = ResNetMean.PerChannel;
    }

    [Fact]
    public void FeaturesMatchOnnxRuntimeWithin1e4()
    {
        using var scope = NewDisposeScope();
        var net = fixture.Net;
        net.Mean = ResNetMean.Image;
        var pre = net.Preprocess(tensor(ReferencePattern(), [1, 3, 224, 224]));
        net.Mean = ResNetMean.PerChannel;
        var ours = net.PooledFeatures(pre).flatten().data<float>().ToArray();

        // The stored ONNX Runtime 1.30 vector (shared/reference/resnet18).
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "resnet18_ort_reference.json"))).RootElement;
        var stored = reference.GetProperty("features").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(512, ours.Length);
        Assert.InRange(MaxAbsDiff(ours, stored), 0, 1e-4);

        // ONNX Runtime 1.31 here, on the same preprocessed input.
        using var session = new InferenceSession(ResNet18Files.ModelPath());
        var input = new DenseTensor<float>(pre.data<float>().ToArray(), [1, 3, 224, 224]);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("Input247", input)]);
        var ort = outputs.Single().AsEnumerable<float>().ToArray();
        Assert.InRange(MaxAbsDiff(ours, ort), 0, 1e-4);
    }

    [Fact]
    public void TapsHaveTorchvisionShapes()
    {
        using var scope = NewDisposeScope();
        var net = fixture.Net;
        Assert.Equal(110, ResNet18Backbone.OnnxNames.Count);
        var taps = net.Extract(rand(1, 3, 64, 96) * 255, ["relu", "maxpool", "layer1", "layer2.0", "layer3", "layer4", "layer4.2"]);
        Assert.Equal(new long[] { 1, 64, 32, 48 }, taps["relu"].shape);
        Assert.Equal(new long[] { 1, 64, 16, 24 }, taps["maxpool"].shape);
        Assert.Equal(new long[] { 1, 64, 16, 24 }, taps["layer1"].shape);
        Assert.Equal(new long[] { 1, 128, 8, 12 }, taps["layer2.0"].shape);
        Assert.Equal(new long[] { 1, 256, 4, 6 }, taps["layer3"].shape);
        Assert.Equal(new long[] { 1, 512, 2, 3 }, taps["layer4"].shape);
        Assert.Equal(0, (taps["layer4"] - taps["layer4.2"]).abs().max().item<float>());
        Assert.Contains("layer4.2", net.LayerNames);
        var ex = Assert.Throws<ArgumentException>(() => net.Extract(zeros(1, 3, 32, 32), ["layer5"]));
        Assert.Contains("layer5", ex.Message, StringComparison.Ordinal);
    }

    private static double MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}

/// <summary>The style-transfer tests that share one pretrained ResNet18 (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ResNet18Tests : ICollectionFixture<ResNet18Fixture>
{
    public const string Name = "ResNet18";
}

/// <summary>One pretrained ResNet18 for the style-transfer tests (loading parses a 64 MB ONNX).</summary>
public sealed class ResNet18Fixture : IDisposable
{
    private readonly Lazy<ResNet18Backbone> net = new(() => ResNet18Backbone.Load());

    public ResNet18Backbone Net => net.Value;

    public void Dispose()
    {
        if (net.IsValueCreated)
        {
            net.Value.Dispose();
        }
    }
}

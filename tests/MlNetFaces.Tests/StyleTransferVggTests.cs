using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>The VGG-19 path with random weights: torchvision names, .dat save/load, taps, a short optimisation.</summary>
public sealed class StyleTransferVggTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-vgg-");

    public StyleTransferVggTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void TorchvisionLayoutAndTapNames()
    {
        using var net = new Vgg19Backbone();
        var keys = net.state_dict().Keys.ToList();
        Assert.Equal(32, keys.Count); // 16 convs × (weight, bias)
        Assert.Contains("features.0.weight", keys);
        Assert.Contains("features.34.bias", keys);
        Assert.Equal("features.12", Vgg19Backbone.TorchvisionKey("conv3_2"));
        Assert.Equal("features.21", Vgg19Backbone.TorchvisionKey("conv4_2"));
        Assert.Equal(16 + 16 + 5, net.LayerNames.Count);
        Assert.Equal("conv1_1", net.LayerNames[0]);
        Assert.Contains("conv5_4", net.LayerNames);

        using var scope = NewDisposeScope();
        var taps = net.Extract(rand(1, 3, 64, 64) * 255, ["relu1_1", "conv3_1", "relu4_2", "relu5_1", "pool5"]);
        Assert.Equal(new long[] { 1, 64, 64, 64 }, taps["relu1_1"].shape);
        Assert.Equal(new long[] { 1, 256, 16, 16 }, taps["conv3_1"].shape);
        Assert.Equal(new long[] { 1, 512, 8, 8 }, taps["relu4_2"].shape);
        Assert.Equal(new long[] { 1, 512, 4, 4 }, taps["relu5_1"].shape);
        Assert.Equal(new long[] { 1, 512, 2, 2 }, taps["pool5"].shape);
        Assert.True(taps["relu1_1"].min().item<float>() >= 0);
        Assert.Throws<ArgumentException>(() => net.Extract(zeros(1, 3, 32, 32), ["relu6_1"]));
    }

    [Fact]
    public void SavedWeightsLoadBackIncludingATorchvisionClassifier()
    {
        using var original = new Vgg19Backbone();
        var path = dir.File("vgg19.dat");

        // A torchvision state dict also has classifier.* entries: they are skipped.
        var state = new Dictionary<string, Tensor>(original.state_dict());
        using var fc = randn(10, 4);
        state["classifier.0.weight"] = fc;
        using (var stream = File.Create(path))
        using (var writer = new BinaryWriter(stream))
        {
            nn.Module.save_state_dict(writer, state);
        }

        using var loaded = Vgg19Backbone.Load(path, VggInput.Caffe);
        Assert.Equal(VggInput.Caffe, loaded.Input);
        foreach (var (name, value) in original.state_dict())
        {
            Assert.True(value.allclose(loaded.state_dict()[name], 0, 0), name);
        }

        // A file without conv3_2 names the layer.
        var partial = dir.File("partial.dat");
        original.save(partial, skip: ["features.12.weight"]);
        var ex = Assert.Throws<InvalidDataException>(() => Vgg19Backbone.Load(partial));
        Assert.Contains("conv3_2 (features.12.weight)", ex.Message, StringComparison.Ordinal);

        var junk = dir.File("junk.dat");
        File.WriteAllBytes(junk, [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => Vgg19Backbone.Load(junk));
        Assert.Throws<FileNotFoundException>(() => Vgg19Backbone.Load(dir.File("missing.dat")));
    }

    [Fact]
    public void GatysRunsOnVgg()
    {
        using var net = new Vgg19Backbone();
        var content = new Imaging.RgbImage(32, 24, Enumerable.Range(0, 32 * 24 * 3).Select(i => (byte)(i * 7)).ToArray());
        var style = new Imaging.RgbImage(24, 24, Enumerable.Range(0, 24 * 24 * 3).Select(i => (byte)(i * 13)).ToArray());
        var result = new GatysStyleTransfer(net).Run(content, style, new StyleTransferOptions { Size = 32, Steps = 3, Beta = 1e3 });
        Assert.Equal(32, result.Image.Width);
        Assert.Equal(24, result.Image.Height);
        Assert.False(net.SmoothsByDefault);
        Assert.True(result.Last.Total <= result.First.Total);
    }
}

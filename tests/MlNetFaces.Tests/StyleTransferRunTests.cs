using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>Short real optimisations on the committed samples (data/style-transfer), and the errors for bad input.</summary>
[Collection(ResNet18Tests.Name)]
public sealed class StyleTransferRunTests
{
    private readonly ResNet18Fixture fixture;

    public StyleTransferRunTests(ResNet18Fixture fixture) => this.fixture = fixture;

    internal static RgbImage Cat => ImageDecoder.Load(Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "animal_cat_chelsea.png"));

    internal static RgbImage StarryNight => ImageDecoder.Load(Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "vangogh_starry_night.jpg"));

    [Fact]
    public void ShortRunLowersTheStyleLoss()
    {
        var live = new Dictionary<int, long>();
        var snapshots = new List<(int Step, int Width)>();
        var result = new GatysStyleTransfer(fixture.Net).Run(Cat, StarryNight, new StyleTransferOptions
        {
            Size = 64,
            Steps = 10,
            Progress = p => live[p.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount,
            SnapshotEvery = 5,
            Snapshot = (step, image) => snapshots.Add((step, image.Width)),
        });

        Assert.Equal(64, result.Image.Width);
        Assert.Equal(43, result.Image.Height); // 451×300 → 64×43
        Assert.Equal(10, result.History.Count);
        Assert.Equal(0, result.First.Content); // starts from the content image
        Assert.True(result.Last.Style < 0.8 * result.First.Style, $"style loss {result.First.Style} -> {result.Last.Style}");
        Assert.True(result.Last.Total < result.First.Total);
        Assert.Equal([(5, 64), (10, 64)], snapshots);
        Assert.Equal(10, live.Count);

        // Each L-BFGS closure hands its loss to libtorch (TorchSharp decouples the managed wrapper, which then still counts
        // as live); nothing else may outlive a step.
        Assert.InRange(live[10] - live[2], 0, 8);
    }

    [Fact]
    public void ColourPreservationKeepsTheContentsChroma()
    {
        var result = new GatysStyleTransfer(fixture.Net).Run(Cat, StarryNight, new StyleTransferOptions { Size = 48, Steps = 4, PreserveColors = true });
        using var scope = NewDisposeScope();
        var content = ImageResizer.FitLongestSide(Cat, 48).ToTensor();
        var output = result.Image.ToTensor();
        var chroma = (YiqColor.FromRgb(output).narrow(1, 1, 2) - YiqColor.FromRgb(content).narrow(1, 1, 2)).abs();
        var luma = (YiqColor.FromRgb(output).narrow(1, 0, 1) - YiqColor.FromRgb(content).narrow(1, 0, 1)).abs();
        Assert.True(chroma.mean().item<float>() < 1.0, $"mean chroma change {chroma.mean().item<float>()}");
        Assert.True(luma.mean().item<float>() > 1.0, "the luminance was stylised");

        // Without preservation the chroma moves towards the painting.
        var free = new GatysStyleTransfer(fixture.Net).Run(Cat, StarryNight, new StyleTransferOptions { Size = 48, Steps = 4 });
        var freeChroma = (YiqColor.FromRgb(free.Image.ToTensor()).narrow(1, 1, 2) - YiqColor.FromRgb(content).narrow(1, 1, 2)).abs();
        Assert.True(freeChroma.mean().item<float>() > chroma.mean().item<float>());
    }

    [Fact]
    public void AdamNoiseInitAndBlendedStylesRunWithoutLeakingTensors()
    {
        var live = new Dictionary<int, long>();
        var grey = new RgbImage(40, 30, Enumerable.Repeat((byte)128, 40 * 30 * 3).ToArray());
        var result = new GatysStyleTransfer(fixture.Net).Run(Cat, [StarryNight, grey], new StyleTransferOptions
        {
            Size = 40,
            Steps = 4,
            Optimizer = StyleOptimizer.Adam,
            Init = StyleInit.Noise,
            StyleBlend = [0.7, 0.3],
            StyleScale = 0.5,
            Seed = 3,
            Progress = p => live[p.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount,
        });
        Assert.InRange(live[4] - live[2], 0, 2); // at most one optimiser wrapper per step; no activations outlive a step
        Assert.True(result.First.Content > 0);
        Assert.True(result.Last.Total < result.First.Total);
        Assert.Equal(40, result.Image.Width);
    }

    [Fact]
    public void BadInputGetsAClearArgumentException()
    {
        var gatys = new GatysStyleTransfer(fixture.Net);
        var small = new RgbImage(32, 32, new byte[32 * 32 * 3]);

        void Rejects(StyleTransferOptions options, string words, int styles = 1)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => gatys.Run(small, Enumerable.Repeat(small, styles).ToList(), options));
            Assert.Contains(words, ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        Rejects(new StyleTransferOptions { Steps = 0 }, "steps must be positive");
        Rejects(new StyleTransferOptions { Alpha = -1 }, "alpha");
        Rejects(new StyleTransferOptions { Beta = -1 }, "beta");
        Rejects(new StyleTransferOptions { TotalVariationWeight = double.NaN }, "total-variation");
        Rejects(new StyleTransferOptions { StyleLayers = [new("layer1", -0.5)] }, "layer1");
        Rejects(new StyleTransferOptions { ContentLayers = [new("conv4_2", 1)] }, "Unknown resnet18 layer 'conv4_2'");
        Rejects(new StyleTransferOptions { SmoothedLayers = ["layer9"] }, "layer9");
        Rejects(new StyleTransferOptions { StyleBlend = [1] }, "blend weights", styles: 2);
        Rejects(new StyleTransferOptions { StyleBlend = [-1, 2] }, "blend weight", styles: 2);
        Rejects(new StyleTransferOptions { Size = 4 }, "size");
        Rejects(new StyleTransferOptions(), "style image", styles: 0);
        Assert.Throws<ArgumentException>(() => LayerWeight.Parse("layer1:heavy"));

        using var dir = new TempFolder("mlnetfaces-style-");
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(dir.File("missing.png")));
        var corrupt = dir.File("corrupt.png");
        File.WriteAllText(corrupt, "not a png");
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(corrupt));
    }

    [Fact]
    public void GradientsReachTheImageThroughTheBackbone()
    {
        using var scope = NewDisposeScope();
        var x = (rand(1, 3, 48, 48) * 255).requires_grad_(true);
        var features = fixture.Net.Extract(x, ["relu", "layer3"]);
        var target = StyleCosts.Gram(SwagSmoothing.Apply(features["relu"].detach() * 0.5));
        var loss = StyleCosts.StyleLayer(target, SwagSmoothing.Apply(features["relu"])) + StyleCosts.Content(features["layer3"].detach() * 0.5, features["layer3"]);
        loss.backward();
        var grad = x.grad!;
        Assert.True(grad.isfinite().all().item<bool>());
        Assert.True(grad.abs().sum().item<float>() > 0);
        Assert.True(grad.ne(0).to(float32).mean().item<float>() > 0.5, "most pixels receive a gradient");
    }

    [Fact]
    public void GridsHaveOneCellPerPanel()
    {
        var row = StyleGrid.Row(Cat, StarryNight, Cat, cell: 32);
        Assert.Equal((3 * 32) + (4 * 4), row.Width);
        Assert.Equal(32 + 8, row.Height);
        var matrix = StyleGrid.Matrix([Cat, Cat], [StarryNight], new RgbImage?[2, 1] { { Cat }, { null } }, cell: 16);
        Assert.Equal((2 * 16) + (3 * 4), matrix.Width);
        Assert.Equal((3 * 16) + (4 * 4), matrix.Height);
    }
}

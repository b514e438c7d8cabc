using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Imaging;
using MlNetFaces.MachineLearning;
using MlNetFaces.StyleTransfer;
using MlNetFaces.StyleTransfer.Fast;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>The fast feed-forward style network: ONNX parity, training, the model zip round trip and bad input (tiny sizes).</summary>
[Collection(ResNet18Tests.Name)]
public sealed class FastStyleTests : IDisposable
{
    private static readonly FastStyleOptions Tiny = new() { Iterations = 4, BatchSize = 1, CropSize = 32, StyleSize = 32, Width = 4, ResidualBlocks = 1, LearningRate = 1e-2 };

    private readonly ResNet18Fixture fixture;
    private readonly TempFolder dir = new("mlnetfaces-fast-style-");

    public FastStyleTests(ResNet18Fixture fixture) => this.fixture = fixture;

    public void Dispose() => dir.Dispose();

    private static string CatPath => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "animal_cat_chelsea.png");

    private static string StarryNightPath => Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "vangogh_starry_night.jpg");

    [Fact]
    public void OnnxRuntimeMatchesTorchSharp()
    {
        manual_seed(3);
        using var net = new FastStyleNet(width: 4, residualBlocks: 2);
        net.eval();
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(11);
        var input = rand([2, 3, 32, 32], generator: generator) * 255;
        Tensor expected;
        using (no_grad())
        {
            expected = net.forward(input);
        }

        using var session = new InferenceSession(net.ExportOnnx(32));
        var actual = OnnxRuntimeRunner.Run(session, input);
        Assert.True(OnnxRuntimeRunner.MaxAbsDiff(actual, expected) <= 1e-3, $"max abs diff {OnnxRuntimeRunner.MaxAbsDiff(actual, expected)} (0..255 scale)");
    }

    [Fact]
    public void TrainingLowersTheLossAndASeedRepeatsIt()
    {
        var cat = ImageDecoder.Load(CatPath);
        var style = ImageDecoder.Load(StarryNightPath);
        var trainer = new FastStyleTrainer(fixture.Net);
        var longer = trainer.Train([cat], style, Tiny with { Iterations = 15 });
        using (longer.Network)
        {
            Assert.Equal(15, longer.History.Count);
            Assert.True(longer.History.TakeLast(3).Average(h => h.Total) < longer.History[0].Total, string.Join(", ", longer.History.Select(h => h.Total)));
        }

        var first = trainer.Train([cat], style, Tiny with { Iterations = 2 });
        var second = trainer.Train([cat], style, Tiny with { Iterations = 2 });
        using (first.Network)
        using (second.Network)
        {
            Assert.Equal(first.History.Select(h => h.Total), second.History.Select(h => h.Total));
        }
    }

    [Fact]
    public void TheFittedTransformerSavesIntoAZipAndReloadsIdentically()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Transforms.TrainFastStyle(ImageDecoder.Load(StarryNightPath), Tiny, size: 32, backbone: fixture.Net);
        var training = ml.Data.LoadFromEnumerable(new[] { new FastStyleModel.ImagePathRow { ImagePath = CatPath } });
        var model = estimator.Fit(training);
        Assert.Equal(Tiny.Iterations, estimator.LastTraining!.History.Count);
        var zip = dir.File("style.zip");
        FastStyleModel.Save(ml, model, zip);

        var fresh = new MLContext(seed: 2);
        var loaded = fresh.Model.Load(zip, out var schema);
        Assert.NotNull(schema.GetColumnOrNull(FastStyleModel.ImagePathColumn));
        Assert.Equal(32, FastStyleModel.SizeOf(loaded, fresh));
        string[] paths = [CatPath, StarryNightPath];
        var before = FastStyleModel.Apply(ml, model, paths);
        var after = FastStyleModel.Apply(fresh, loaded, paths);
        for (var i = 0; i < paths.Length; i++)
        {
            Assert.Equal(before[i].Pixels, after[i].Pixels);
            Assert.Equal(32, Math.Max(after[i].Width, after[i].Height));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.TrainFastStyle(ImageDecoder.Load(StarryNightPath), Tiny, size: 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(ml.Data.LoadFromEnumerable(new[] { new { Path = CatPath } })));
    }

    [Fact]
    public void BadInputGetsClearErrors()
    {
        var cat = ImageDecoder.Load(CatPath);
        var trainer = new FastStyleTrainer(fixture.Net);
        Assert.Contains("iterations", Assert.Throws<ArgumentException>(() => trainer.Train([cat], cat, Tiny with { Iterations = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 4", Assert.Throws<ArgumentException>(() => trainer.Train([cat], cat, Tiny with { CropSize = 30 })).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => trainer.Train([cat], cat, Tiny with { Beta = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("At least one content image", Assert.Throws<ArgumentException>(() => trainer.Train([], cat, Tiny)).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown resnet18 layer 'conv9'", Assert.Throws<ArgumentException>(() => trainer.Train([cat], cat, Tiny with { StyleLayers = [new LayerWeight("conv9", 1)] })).Message, StringComparison.Ordinal);
        using var net = new FastStyleNet(width: 4, residualBlocks: 0);
        using var odd = zeros(1, 3, 30, 32);
        Assert.Contains("multiples of 4", Assert.Throws<ArgumentException>(() => net.forward(odd)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CliTrainsAndAppliesInFreshProcesses()
    {
        var contents = Directory.CreateDirectory(dir.File("contents")).FullName;
        File.Copy(CatPath, Path.Combine(contents, "cat.png"));
        var zip = dir.File("cli.zip");
        var train = CliTests.Cli("style", "train", "--content-dir", contents, "--style", StarryNightPath, "--out", zip,
            "--iterations", "2", "--crop", "32", "--size", "32", "--batch", "1", "--width", "4", "--json");
        Assert.True(train.Code == 0, train.Stderr);
        using (var json = System.Text.Json.JsonDocument.Parse(train.Stdout))
        {
            Assert.Equal(2, json.RootElement.GetProperty("iterations").GetInt32());
            Assert.Equal(2, json.RootElement.GetProperty("total_loss").GetArrayLength());
        }

        var outDir = dir.File("styled");
        var apply = CliTests.Cli("style", "apply", "--model", zip, CatPath, "--out", outDir, "--json");
        Assert.True(apply.Code == 0, apply.Stderr);
        Assert.Equal(32, ImageDecoder.Load(Path.Combine(outDir, "animal_cat_chelsea.png")).Width);

        Assert.Equal(2, CliTests.Cli("style", "apply", "--model", dir.File("missing.zip"), CatPath, "--out", outDir).Code);
        Assert.Equal(2, CliTests.Cli("style", "train", "--content-dir", dir.File("none"), "--style", StarryNightPath, "--out", zip).Code);
        Assert.Equal(2, CliTests.Cli("style", "train", "--content-dir", contents, "--style", StarryNightPath, "--out", zip, "--crop", "30").Code);
    }
}

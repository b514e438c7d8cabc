using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Faces;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetFaces.Tests;

public class OnnxExportTests(ITestOutputHelper output)
{
    private const int Side = FaceRecognitionNet.InputSize;

    private static readonly Lazy<FaceRecognitionNet> Net = new(() => FaceRecognitionNet.Load(TestPaths.Models, RecognitionWeights.FaceApi8Bit));
    private static readonly Lazy<byte[]> Model = new(() => Net.Value.ExportOnnx());

    [Fact]
    public void ExportedGraphDeclaresImageInAndDescriptorOut()
    {
        using var session = new InferenceSession(Model.Value);

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(FaceRecognitionNet.OnnxInputName, input.Key);
        Assert.Equal(typeof(float), input.Value.ElementType);
        Assert.Equal(new[] { -1, 3, Side, Side }, input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
        var result = Assert.Single(session.OutputMetadata);
        Assert.Equal(FaceRecognitionNet.OnnxOutputName, result.Key);
        Assert.Equal(typeof(float), result.Value.ElementType);
        Assert.Equal(new[] { -1, FaceRecognitionNet.DescriptorSize }, result.Value.Dimensions);
        output.WriteLine($"model: {Model.Value.Length / 1e6:F2} MB");
    }

    [Fact]
    public void OnnxRuntimeMatchesTorchSharpOnThePattern()
    {
        using var scope = NewDisposeScope();
        var diff = CompareWithTorchSharp(JsReference.Pattern(Side, Side));
        output.WriteLine($"pattern: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-4, $"max abs diff {diff}");
    }

    [Fact]
    public void OnnxRuntimeMatchesTorchSharpOnARandomBatch()
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(20240611);
        var diff = CompareWithTorchSharp(rand([3, 3, Side, Side], generator: generator) * 255);
        output.WriteLine($"random batch of 3: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-4, $"max abs diff {diff}");
    }

    [Fact]
    public void MlNetAppliesTheModelAndReloadsItFromAZip()
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(7);
        var images = cat([JsReference.Pattern(Side, Side), rand([2, 3, Side, Side], generator: generator) * 255], 0);
        Tensor expected;
        using (no_grad())
        {
            expected = Net.Value.forward(images);
        }

        var rows = Enumerable.Range(0, (int)images.shape[0]).Select(i => new FaceImage { Image = images[i].data<float>().ToArray() }).ToList();
        var ml = new MLContext(seed: 1);
        using var modelBytes = new MemoryStream(Model.Value);
        var transformer = ml.Transforms
            .ApplyOnnxModel(FaceRecognitionNet.OnnxOutputName, FaceRecognitionNet.OnnxInputName, modelBytes)
            .Fit(ml.Data.LoadFromEnumerable(rows));
        var applied = Descriptors(transformer.Transform(ml.Data.LoadFromEnumerable(rows)));
        var appliedDiff = MaxAbsDiff(applied, expected);
        output.WriteLine($"ML.NET ApplyOnnxModel vs TorchSharp: max abs diff {appliedDiff:E2}");
        Assert.True(appliedDiff <= 1e-4, $"max abs diff {appliedDiff}");

        var zip = Path.Combine(Path.GetTempPath(), $"mlnetfaces-onnx-{Guid.NewGuid():N}.zip");
        try
        {
            var data = ml.Data.LoadFromEnumerable(rows);
            ml.Model.Save(transformer, data.Schema, zip);
            var fresh = new MLContext(seed: 2);
            var loaded = fresh.Model.Load(zip, out var inputSchema);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3, Side, Side), inputSchema[FaceRecognitionNet.OnnxInputName].Type);
            var reloaded = Descriptors(loaded.Transform(fresh.Data.LoadFromEnumerable(rows)));
            Assert.Equal(applied, reloaded);
            output.WriteLine($"zip: {new FileInfo(zip).Length / 1e6:F2} MB; reloaded output identical");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static float[][] Descriptors(IDataView data)
    {
        // ML.NET applies the model row by row and reads the symbolic batch dimension as 1: Vector<Single, 1, 128>.
        var column = data.Schema[FaceRecognitionNet.OnnxOutputName];
        var type = Assert.IsType<VectorDataViewType>(column.Type);
        Assert.Equal(NumberDataViewType.Single, type.ItemType);
        Assert.Equal(FaceRecognitionNet.DescriptorSize, type.Size);
        return data.GetColumn<float[]>(column).ToArray();
    }

    private static float MaxAbsDiff(float[][] rows, Tensor expected)
    {
        Assert.Equal(expected.shape[0], rows.Length);
        using var actual = tensor(rows.SelectMany(r => r).ToArray(), expected.shape);
        return OnnxRuntimeRunner.MaxAbsDiff(actual, expected);
    }

    private static float CompareWithTorchSharp(Tensor images)
    {
        using var noGrad = no_grad();
        using var session = new InferenceSession(Model.Value);
        return OnnxRuntimeRunner.MaxAbsDiff(OnnxRuntimeRunner.Run(session, images), Net.Value.forward(images));
    }

    private sealed class FaceImage
    {
        [ColumnName(FaceRecognitionNet.OnnxInputName)]
        [VectorType(3, Side, Side)]
        public float[] Image { get; set; } = [];
    }
}

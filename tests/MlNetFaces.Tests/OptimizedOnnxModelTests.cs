using MlNetFaces.Faces;
using MlNetFaces.Inference;
using MlNetFaces.IO;
using MlNetFaces.Models;

namespace MlNetFaces.Tests;

/// <summary>ONNX Runtime's optimised graphs kept beside a model: the same outputs, one generation, damage repaired.</summary>
public class OptimizedOnnxModelTests
{
    private const int Size = FaceLandmark68Net.InputSize;

    [Fact]
    public void KeptGraphGivesTheOutputsOfTheModelAndIsReplacedWhenDamaged()
    {
        using var dir = new TempFolder("mlnetfaces-optimized-");
        var model = dir.File("landmarks.onnx");
        File.WriteAllBytes(model, FaceLandmark68Net.Load(TestPaths.Models).ExportOnnx());
        var input = Pattern();

        var inMemory = Run(() => new OnnxFaceNetRunner(File.ReadAllBytes(model), 1), input);
        var optimisedNow = Run(() => new OnnxFaceNetRunner(model, 1), input);
        var kept = Assert.Single(Generations(dir));
        Assert.True(File.Exists(kept + ".data"), "the weights are kept in a file of their own, mapped when loaded");
        Assert.True(File.Exists(kept + VerifiedFile.StampSuffix) && File.Exists(kept + ".data" + VerifiedFile.StampSuffix));
        Assert.Contains(OptimizedOnnxModel.Key, Path.GetFileName(kept), StringComparison.Ordinal);

        var fromKept = Run(() => new OnnxFaceNetRunner(model, 1), input);
        Assert.Equal(kept, Assert.Single(Generations(dir))); // loaded, not optimised again
        Assert.Equal(inMemory, optimisedNow);
        Assert.Equal(inMemory, fromKept);

        // Damaged weights fail their stamp: the graph is optimised again into a new generation, the old one removed.
        var weights = File.ReadAllBytes(kept + ".data");
        weights[weights.Length / 2] ^= 0x55;
        File.WriteAllBytes(kept + ".data", weights);
        var repaired = Run(() => new OnnxFaceNetRunner(model, 1), input);
        Assert.Equal(inMemory, repaired);
        Assert.NotEqual(kept, Assert.Single(Generations(dir)));
        Assert.False(File.Exists(kept + ".data"));
    }

    [Fact]
    public void FirstUseOfANetExportsItKeepsItsOptimisedGraphAtOnceAndDropsEarlierVersions()
    {
        using var dir = new TempFolder("mlnetfaces-store-");
        var store = new ModelStore(dir.Path) { NpmCommand = "npm-that-does-not-exist" }; // the embedded weights only
        var input = Pattern();
        var onnx = Path.Combine(dir.Path, FaceModels.OnnxFolder);
        Directory.CreateDirectory(onnx);
        var older = Path.Combine(onnx, $"face_landmark_68_model.export{FaceModels.OnnxExportVersion - 1}.onnx");
        var otherNet = Path.Combine(onnx, $"face_landmark_68_tiny_model.export{FaceModels.OnnxExportVersion - 1}.onnx");
        File.WriteAllText(older, "an earlier export version");
        File.WriteAllText(older + VerifiedFile.StampSuffix, "its stamp");
        File.WriteAllText(otherNet, "another net's earlier export");
        var first = FaceModels.Get(store, engine: InferenceEngine.OnnxRuntime, intraOpThreads: 1).LandmarkRunner.Run(input, 1, Size)[0];
        Assert.False(File.Exists(older) || File.Exists(older + VerifiedFile.StampSuffix), "a new export removes the net's earlier versions");
        Assert.True(File.Exists(otherNet), "and only that net's");
        Assert.True(File.Exists(Path.Combine(onnx, $"face_landmark_68_model.export{FaceModels.OnnxExportVersion}.onnx")));
        var kept = Assert.Single(Directory.GetFiles(onnx, $"face_landmark_68_model.export{FaceModels.OnnxExportVersion}.{OptimizedOnnxModel.Key}.*.onnx"));

        // Another set of models on the store (another thread count) loads the kept graph and answers the same.
        var second = FaceModels.Get(store, engine: InferenceEngine.OnnxRuntime, intraOpThreads: 2).LandmarkRunner.Run(input, 1, Size)[0];
        Assert.Equal(kept, Assert.Single(Directory.GetFiles(onnx, $"face_landmark_68_model.export{FaceModels.OnnxExportVersion}.{OptimizedOnnxModel.Key}.*.onnx")));
        Assert.Equal(first, second);
    }

    private static string[] Generations(TempFolder dir) =>
        Directory.GetFiles(dir.Path, $"landmarks.{OptimizedOnnxModel.Key}.*.onnx");

    private static float[] Run(Func<OnnxFaceNetRunner> open, float[] input)
    {
        using var runner = open();
        return runner.Run(input, 1, Size)[0];
    }

    private static float[] Pattern()
    {
        var input = new float[3 * Size * Size];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (i * 37 % 256) + (i % 7 * 0.25f);
        }

        return input;
    }
}

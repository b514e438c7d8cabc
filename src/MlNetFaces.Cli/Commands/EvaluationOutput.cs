using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.MachineLearning;
using MlNetFaces.Verification;
using MlNetFaces.IO;

namespace MlNetFaces.Cli.Commands;

/// <summary>What <c>evaluate --out DIR</c> writes: metrics.json, roc.html, roc.png (when a browser is present), model.zip.</summary>
internal static class EvaluationOutput
{
    private static readonly JsonSerializerOptions Indented = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static void Write(string folder, EvaluationJson metrics, VerificationRun run, VerificationReport plain, VerificationReport flip, DetectorKind detector, TrainedEmbeddingModel? trained = null)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new { metrics, failed_items = run.Failed }, Indented));
        var chart = Charts.Roc(new Dictionary<string, RocCurve> { ["plain"] = plain.Roc, ["flip TTA"] = flip.Roc }, "face verification");
        Charts.SaveHtml(chart, Path.Combine(folder, "roc.html"));
        if (ChartPng.TrySave(chart, Path.Combine(folder, "roc.png")) is { } whyNot)
        {
            Console.Error.WriteLine($"roc.png not written: {whyNot}.");
        }

        if (trained is null)
        {
            VerificationModel.Train(run.Plain, detector, flip: false, plain.Threshold).Save(Path.Combine(folder, "model.zip"));
        }
        else if (trained.Info.Network.EmbeddingDimension == FaceRecognitionNet.DescriptorSize)
        {
            TrainedVerificationModel.Train(run.Plain, trained, plain.Threshold).Save(Path.Combine(folder, "model.zip"));
        }
        else
        {
            Console.Error.WriteLine($"model.zip not written: the verification pipeline needs {FaceRecognitionNet.DescriptorSize}-D embeddings, the trained model has {trained.Info.Network.EmbeddingDimension}.");
        }

        Console.Error.WriteLine($"wrote metrics.json, roc.html{(File.Exists(Path.Combine(folder, "roc.png")) ? ", roc.png" : string.Empty)} and model.zip to {Path.GetFullPath(folder)}");
    }
}

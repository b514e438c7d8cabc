using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.MachineLearning;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;
using MlNetFaces.IO;

namespace MlNetFaces.Cli.Commands;

/// <summary>What <c>evaluate --out DIR</c> writes: metrics.json, roc.html, roc.png (when a browser is present), model.zip.</summary>
internal static class EvaluationOutput
{
    private static readonly JsonSerializerOptions Indented = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static void Write(string folder, EvaluationJson metrics, VerificationRun run, VerificationReport plain, VerificationReport flip, FacePipelineOptions options, TrainedEmbeddingModel? trained = null)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string> { "metrics.json", "roc.html" };
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new { metrics, failed_items = run.Failed }, Indented));
        var chart = Charts.Roc(new Dictionary<string, RocCurve> { ["plain"] = plain.Roc, ["flip TTA"] = flip.Roc }, "face verification");
        Charts.SaveHtml(chart, Path.Combine(folder, "roc.html"));
        if (ChartPng.TrySave(chart, Path.Combine(folder, "roc.png")) is { } whyNot)
        {
            Console.Error.WriteLine($"roc.png not written: {whyNot}.");
        }
        else
        {
            written.Add("roc.png");
        }

        var zip = Path.Combine(folder, "model.zip");
        if (trained is null && !IsDefaultEmbedding(options))
        {
            Console.Error.WriteLine("model.zip not written: the ML.NET embedding transform computes the default descriptors (dlib's weights and chip), not those of --weights or --compat.");
        }
        else if (trained is null)
        {
            VerificationModel.Train(run.Plain, options.Detector, flip: false, plain.Threshold).Save(zip);
            written.Add("model.zip");
        }
        else if (trained.Info.Network.EmbeddingDimension == FaceRecognitionNet.DescriptorSize)
        {
            TrainedVerificationModel.Train(run.Plain, trained, plain.Threshold).Save(zip);
            written.Add("model.zip");
        }
        else
        {
            Console.Error.WriteLine($"model.zip not written: the verification pipeline needs {FaceRecognitionNet.DescriptorSize}-D embeddings, the trained model has {trained.Info.Network.EmbeddingDimension}.");
        }

        Console.Error.WriteLine($"wrote {string.Join(", ", written)} to {Path.GetFullPath(folder)}");
    }

    private static bool IsDefaultEmbedding(FacePipelineOptions options)
    {
        var reference = FaceEmbedder.PipelineOptions(options.Detector);
        return options.RecognitionWeights == reference.RecognitionWeights && options.Alignment == reference.Alignment
            && options.DetectionMargin == reference.DetectionMargin && options.RetryWhenNoFace == reference.RetryWhenNoFace;
    }
}

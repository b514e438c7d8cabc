using System.CommandLine;
using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Embedding;

namespace MlNetFaces.Cli.Commands;

/// <summary><c>verify A B</c>: are the main faces of two images the same person?</summary>
internal static class VerifyCommand
{
    public const double DefaultThreshold = FaceDistance.SamePersonThreshold;

    public static Command Create()
    {
        var a = new Argument<string>("a") { Description = "First image." };
        var b = new Argument<string>("b") { Description = "Second image." };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Same person when the Euclidean descriptor distance is below this (dlib/face-api: 0.6).",
            DefaultValueFactory = _ => DefaultThreshold,
        };
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var model = new Option<string?>("--model") { Description = "A model zip from 'evaluate --out': prints its calibrated probability." };
        var command = faceOptions.AddTo(new Command("verify", "Compare the central faces of two images.") { a, b, threshold, json, model });
        command.SetAction(parse =>
        {
            if (parse.GetValue(model) is { } zip)
            {
                return WithModel(zip, parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(json));
            }

            var t = parse.GetValue(threshold);
            if (!(t > 0) || double.IsInfinity(t))
            {
                throw new UsageException($"--threshold must be a positive number, got {t.ToString(CultureInfo.InvariantCulture)}.");
            }

            var paths = new[] { parse.GetValue(a)!, parse.GetValue(b)! };
            FacesCommands.CheckAll(paths); // every header read before any model work; each image is decoded once, below
            var pipeline = new FacePipeline(faceOptions.Central(parse));
            var embedded = new FaceEmbedder(pipeline).Embed(paths);
            if (embedded.Failures.Count > 0)
            {
                var (path, reason) = embedded.Failures.First();
                throw new UsageException($"{path}: {reason}");
            }

            var first = MainFace(paths[0], embedded);
            var second = MainFace(paths[1], embedded);
            double distance = FaceDistance.Euclidean(first, second);
            var same = distance < t;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new VerifyJson(Math.Round(distance, 6), t, same, null));
            }
            else
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"distance {distance:0.0000}  threshold {t:0.####}  =>  {(same ? "same person" : "different people")}"));
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The fitted ML.NET verification pipeline decides (the central face of each image).</summary>
    private static int WithModel(string zip, string a, string b, bool json)
    {
        FacesCommands.LoadAll([a, b]);
        var model = MachineLearning.VerificationModel.Load(zip);
        var prediction = model.Predict(a, b);
        foreach (var (path, hasFace) in new[] { (a, prediction.Embedding1HasFace), (b, prediction.Embedding2HasFace) })
        {
            if (!hasFace)
            {
                throw new UsageException($"{path}: no face found.");
            }
        }

        if (json)
        {
            JsonOutput.Write(new VerifyJson(Math.Round(prediction.Distance, 6), Math.Round(model.Info.Threshold, 6), prediction.PredictedLabel, Math.Round(prediction.Probability, 6)));
        }
        else
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"distance {prediction.Distance:0.0000}  P(same) {prediction.Probability:0.0000}  =>  {(prediction.PredictedLabel ? "same person" : "different people")}"));
        }

        return CliApp.Ok;
    }

    /// <summary>The descriptor of the central face (as the verification pipeline chooses); no face is bad input.</summary>
    private static float[] MainFace(string path, EmbeddingRun run) =>
        run.Embeddings.TryGetValue(path, out var embedding) && embedding.Descriptor(flip: false) is { } descriptor
            ? descriptor
            : throw new UsageException($"{path}: no face found.");
}

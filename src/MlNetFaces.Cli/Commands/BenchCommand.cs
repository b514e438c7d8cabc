using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Cli.Commands.Gallery;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using static TorchSharp.torch;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>bench embed</c>: model load time, descriptor time per face at batch 1 and 16, landmarks per face,
/// detection per 1920×1280 photo, whole-pipeline images per second at batch 1/8/32, peak memory; optionally beside the JS peer and with the
/// recognition net exported to ONNX and run by ONNX Runtime (<c>--onnx</c>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var reps = new Option<int>("--reps") { Description = "Timed repetitions per measurement (after one warm-up).", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (0: libtorch default)." };
        var jsReference = new Option<string?>("--js-reference") { Description = "js_reference.json of the JS peer, to print the ratio." };
        var onnx = new Option<bool>("--onnx") { Description = "Also time the recognition net exported to ONNX in ONNX Runtime (default options, and 2 intra-op threads)." };
        var json = CommonOptions.Json();
        var device = CommonOptions.Device();
        var models = CommonOptions.Models();
        var embed = new Command("embed", "Time the face pipeline on the demo photos.") { reps, threads, jsReference, onnx, json, device, models };
        embed.SetAction(parse =>
        {
            var n = parse.GetValue(reps);
            if (n < 1)
            {
                throw new UsageException("--reps must be at least 1.");
            }

            if (parse.GetValue(threads) is > 0 and var t)
            {
                set_num_threads(t);
            }

            var options = new FacePipelineOptions { Device = parse.GetValue(device)!, Store = CommonOptions.Store(parse.GetValue(models)) };
            var result = Run(n, options, parse.GetValue(onnx));
            result["torch_threads"] = get_num_threads();
            if (parse.GetValue(jsReference) is { } reference)
            {
                AddPeer(result, reference);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                foreach (var (key, value) in result)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-44} {value}"));
                }
            }

            return CliApp.Ok;
        });
        return new Command("bench", "Benchmarks.") { embed, GalleryBench.Create() };
    }

    private static Dictionary<string, object> Run(int reps, FacePipelineOptions options, bool onnx)
    {
        var result = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        var pipeline = new FacePipeline(options);
        _ = pipeline.Models.Ssd;
        _ = pipeline.Models.Landmarks;
        var recognition = pipeline.Models.RecognitionNet(options.RecognitionWeights);
        result["model_load_ms"] = Round(clock.Elapsed.TotalMilliseconds);
        _ = pipeline.Models.Tiny;

        var store = pipeline.Models.Store;
        var photos = FaceApiPackage.DemoImages.Select(n => ImageDecoder.Load(store.PathOf(n))).ToList();
        var faces = pipeline.Analyze(photos).SelectMany(f => f).ToList();
        var crops = faces.Select(f => f.AlignedCrop).ToList();
        result["faces"] = faces.Count;

        var large = photos.First(p => p.Width == 1920 && p.Height == 1280);
        result["ssd_detect_ms_per_1920x1280"] = Median(reps, () => pipeline.Models.Ssd.Detect(large));
        result["tiny_detect_ms_per_1920x1280"] = Median(reps, () => pipeline.Models.Tiny.Detect(large));
        result["descriptor_ms_per_face_batch1"] = Round(crops.Select(c => Median(reps, () => pipeline.Describe([c]))).Order().ElementAt(crops.Count / 2));
        var sixteen = Enumerable.Range(0, 16).Select(i => crops[i % crops.Count]).ToList();
        result["descriptor_ms_per_face_batch16"] = Round(Median(reps, () => pipeline.Describe(sixteen)) / 16);
        if (onnx)
        {
            AddOnnxRuntime(result, reps, recognition, crops, sixteen);
        }

        // Whole pipeline (decode → detect → landmarks → descriptors): the same 32 images (the demo photos cycled) in
        // chunks of 1, 8 or 32 per Analyze call, so the rates compare the batch size and nothing else.
        var cycle = Enumerable.Range(0, 32).Select(i => store.PathOf(FaceApiPackage.DemoImages[i % FaceApiPackage.DemoImages.Count])).ToList();
        foreach (var batch in new[] { 1, 8, 32 })
        {
            var ms = Median(Math.Max(1, reps / 4), () =>
            {
                foreach (var chunk in cycle.Chunk(batch))
                {
                    pipeline.Analyze(chunk.Select(ImageDecoder.Load).ToList());
                }
            });
            result[$"pipeline_images_per_s_batch{batch}"] = Round(cycle.Count * 1000 / ms);
        }

        result["peak_working_set_mb"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
        return result;
    }

    /// <summary>The same descriptor timings with the exported net in ONNX Runtime: default session options, then 2 intra-op threads.</summary>
    private static void AddOnnxRuntime(Dictionary<string, object> result, int reps, FaceRecognitionNet net, List<RgbImage> crops, List<RgbImage> sixteen)
    {
        var clock = Stopwatch.StartNew();
        var model = net.ExportOnnx();
        result["onnx_export_ms"] = Round(clock.Elapsed.TotalMilliseconds);
        foreach (var (label, threads) in new[] { ("ort", 0), ("ort_2threads", 2) })
        {
            using var sessionOptions = new SessionOptions();
            if (threads > 0)
            {
                sessionOptions.IntraOpNumThreads = threads;
            }

            using var session = new InferenceSession(model, sessionOptions);
            result[$"{label}_descriptor_ms_per_face_batch1"] = Round(crops.Select(c => Median(reps, () => Describe(session, [c]))).Order().ElementAt(crops.Count / 2));
            result[$"{label}_descriptor_ms_per_face_batch16"] = Round(Median(reps, () => Describe(session, sixteen)) / 16);
        }
    }

    /// <summary>As <see cref="FacePipeline.Describe"/>, with ONNX Runtime running the net: pad and resize, stack, run.</summary>
    private static float[] Describe(InferenceSession session, List<RgbImage> crops)
    {
        float[] pixels;
        long[] shape;
        using (var batch = NetInput.ToBatch(crops, FaceRecognitionNet.InputSize, center: true))
        {
            pixels = batch.data<float>().ToArray();
            shape = batch.shape;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [FaceRecognitionNet.OnnxInputName], [input], [FaceRecognitionNet.OnnxOutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void AddPeer(Dictionary<string, object> result, string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var timing = doc.RootElement.GetProperty("timing");
        var js = timing.GetProperty("descriptor_ms_per_face_median").GetDouble();
        result["js_descriptor_ms_per_face_median"] = js;
        result["speedup_vs_js_batch1"] = Round(js / (double)result["descriptor_ms_per_face_batch1"]);
        result["speedup_vs_js_batch16"] = Round(js / (double)result["descriptor_ms_per_face_batch16"]);
    }

    private static double Median(int reps, Action action)
    {
        action();
        var times = new double[reps];
        for (var i = 0; i < reps; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return Round(times[reps / 2]);
    }

    private static double Round(double value) => Math.Round(value, 2);
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlNetFaces.Cli.Commands.Gallery;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using static TorchSharp.torch;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>bench embed</c>: the face pipeline on the six demo photos, on each engine and thread count side by side in one
/// run: descriptor time per face at batch 1 and 16, landmarks per face, detection per photo with its parts (input
/// resize, net, post-processing), whole-pipeline images per second (from a decoded photo, as the JS peer times it, and
/// from the file, decoding included) with its parts; the JS peer's figures and the ratios when its
/// <c>js_reference.json</c> is given; and the footprint (peak RSS, wall time) of <c>verify</c>, <c>embed</c> and
/// <c>demo</c>, each run as a child process after the model files are cached.
/// </summary>
internal static class BenchCommand
{
    private static readonly (InferenceEngine Engine, int Threads)[] Configurations =
    [
        (InferenceEngine.TorchSharp, 1), (InferenceEngine.TorchSharp, 2), (InferenceEngine.OnnxRuntime, 1), (InferenceEngine.OnnxRuntime, 2),
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var reps = new Option<int>("--reps") { Description = "Timed repetitions per measurement (after one warm-up).", DefaultValueFactory = _ => 10 };
        var jsReference = new Option<string?>("--js-reference") { Description = "js_reference.json of the JS peer (run just before, on the same machine), for the ratios." };
        var footprint = new Option<bool>("--footprint") { Description = "Also run verify, embed and demo as child processes for their peak RSS and wall time.", DefaultValueFactory = _ => true };
        var verifyImages = new Option<string[]>("--verify-images")
        {
            Description = "The two photos the footprint's verify compares (default: two LFW photos under $MLNETFACES_SHARED or ../shared, else two demo photos).",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var json = CommonOptions.Json();
        var models = CommonOptions.Models();
        var embed = new Command("embed", "Time the face pipeline on the demo photos on every engine, beside the JS peer.") { reps, jsReference, footprint, verifyImages, json, models };
        embed.SetAction(parse =>
        {
            var n = parse.GetValue(reps);
            if (n < 1)
            {
                throw new UsageException("--reps must be at least 1.");
            }

            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
            var result = Run(n, store);
            if (parse.GetValue(jsReference) is { } reference)
            {
                AddPeer(result, reference);
            }

            if (parse.GetValue(footprint))
            {
                result["footprint"] = BenchFootprint.Measure(store, VerifyPair(parse.GetValue(verifyImages), store));
            }

            result["peak_working_set_mb"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
            var text = JsonSerializer.Serialize(result, parse.GetValue(json) ? null : Indented);
            Console.WriteLine(text);
            return CliApp.Ok;
        });
        return new Command("bench", "Benchmarks.") { embed, GalleryBench.Create() };
    }

    private static Dictionary<string, object> Run(int reps, ModelStore store)
    {
        var paths = FaceApiPackage.DemoImages.Select(store.PathOf).ToList();
        var result = new Dictionary<string, object>
        {
            ["machine"] = new Dictionary<string, object>
            {
                ["cpu"] = CpuName(),
                ["logical_cores"] = Environment.ProcessorCount,
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            },
            ["photos"] = paths.Select(Path.GetFileName).ToList(),
            ["reps"] = reps,
        };
        var engines = new Dictionary<string, object>();
        foreach (var (engine, threads) in Configurations)
        {
            if (engine == InferenceEngine.TorchSharp)
            {
                set_num_threads(threads);
            }

            var clock = Stopwatch.StartNew();
            var pipeline = new FacePipeline(new FacePipelineOptions { Store = store, Engine = engine, IntraOpThreads = threads });
            var photos = paths.Select(ImageDecoder.Load).ToList();
            var faces = pipeline.Analyze(photos).SelectMany(f => f).ToList();
            var figures = new Dictionary<string, object>
            {
                ["first_run_ms"] = Round(clock.Elapsed.TotalMilliseconds),
                ["faces"] = faces.Count,
            };
            // As the JS peer times its pipeline: a decoded photo in, faces with descriptors out.
            var analyzeMs = Median(reps, () => photos.ForEach(photo => pipeline.Analyze(photo))) / paths.Count;
            figures["pipeline_images_per_s"] = Round(1000 / analyzeMs);

            // As `embed` runs over files: decoding included (the next file decodes while this one is analysed).
            var files = FacesCommands.CheckAll(paths);
            figures["pipeline_with_decode_images_per_s"] = Round(paths.Count * 1000 / Median(reps, () =>
            {
                foreach (var (_, image) in FacesCommands.DecodeEach(files))
                {
                    pipeline.Analyze(image);
                }
            }));
            figures["pipeline_parts_ms_per_photo"] = new Dictionary<string, double>
            {
                ["decode"] = Round(Median(reps, () => paths.ForEach(path => ImageDecoder.Load(path))) / paths.Count),
                ["detect"] = Round(Median(reps, () => photos.ForEach(photo => pipeline.Detect(photo))) / paths.Count),
                ["detect_landmarks_chips_descriptors"] = Round(analyzeMs),
            };
            BenchDetection.Add(figures, pipeline, paths, photos, reps);
            var crops = faces.Select(f => f.AlignedCrop).ToList();
            figures["descriptor_ms_per_face_batch1"] = crops.Select(c => Median(reps, () => pipeline.Describe([c]))).Order().ElementAt(crops.Count / 2);
            var sixteen = Enumerable.Range(0, 16).Select(i => crops[i % crops.Count]).ToList();
            figures["descriptor_ms_per_face_batch16"] = Round(Median(reps, () => pipeline.Describe(sixteen)) / 16);
            var landmarkInputs = faces.Select(f => NetInput.ToSquare(f.AlignedCrop, FaceLandmark68Net.InputSize, center: true)).ToList();
            figures["landmarks_ms_per_face"] = landmarkInputs
                .Select(input => Median(reps, () => pipeline.Models.LandmarkRunner.Run(input, 1, FaceLandmark68Net.InputSize)))
                .Order().ElementAt(landmarkInputs.Count / 2);
            engines[$"{(engine == InferenceEngine.TorchSharp ? "torch" : "onnx")}_{threads}thread{(threads == 1 ? string.Empty : "s")}"] = figures;
        }

        result["engines"] = engines;
        return result;
    }

    /// <summary>The JS peer's figures from its <c>js_reference.json</c>, and how many times faster each configuration is.</summary>
    private static void AddPeer(Dictionary<string, object> result, string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var timing = doc.RootElement.GetProperty("timing");
        var pipelineMs = timing.GetProperty("full_pipeline_ms_per_image").EnumerateArray().Sum(e => e.GetDouble());
        var ssd = timing.GetProperty("ssd_ms_per_image").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var images = doc.RootElement.GetProperty("images").EnumerateArray().ToList();
        var large = images.FindIndex(i => i.GetProperty("width").GetInt32() == 1920 && i.GetProperty("height").GetInt32() == 1280);
        var peer = new Dictionary<string, object>
        {
            ["descriptor_ms_per_face"] = timing.GetProperty("descriptor_ms_per_face_median").GetDouble(),
            ["landmarks_ms_per_face"] = timing.GetProperty("landmark68_ms_per_face_median").GetDouble(),
            ["ssd_ms_per_photo_median"] = Round(ssd.Order().ElementAt(ssd.Count / 2)),
            ["pipeline_images_per_s"] = Round(ssd.Count * 1000 / pipelineMs),
            ["faces"] = timing.GetProperty("faces_total").GetInt32(),
        };
        if (large >= 0)
        {
            peer["ssd_ms_per_1920x1280"] = ssd[large];
        }

        result["js_peer"] = peer;
        var speedups = new Dictionary<string, object>();
        foreach (var (name, value) in (Dictionary<string, object>)result["engines"])
        {
            var figures = (Dictionary<string, object>)value;
            speedups[name] = new Dictionary<string, object>
            {
                ["pipeline"] = Round((double)figures["pipeline_images_per_s"] / (double)peer["pipeline_images_per_s"]),
                ["pipeline_with_our_decode"] = Round((double)figures["pipeline_with_decode_images_per_s"] / (double)peer["pipeline_images_per_s"]),
                ["descriptor_batch1"] = Round((double)peer["descriptor_ms_per_face"] / (double)figures["descriptor_ms_per_face_batch1"]),
                ["ssd_per_photo"] = Round((double)peer["ssd_ms_per_photo_median"] / (double)figures["ssd_ms_per_photo_median"]),
            };
        }

        result["speedup_vs_js"] = speedups;
    }

    private static string[] VerifyPair(string[]? given, ModelStore store)
    {
        if (given is { Length: 2 })
        {
            return given;
        }

        var shared = Environment.GetEnvironmentVariable("MLNETFACES_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine("..", "shared"));
        var lfw = Path.Combine(shared, "data", "faces", "lfw-deepfunneled", "lfw-deepfunneled", "Aaron_Peirsol");
        string[] pair = [Path.Combine(lfw, "Aaron_Peirsol_0001.jpg"), Path.Combine(lfw, "Aaron_Peirsol_0002.jpg")];
        return pair.All(File.Exists) ? pair : [store.PathOf(FaceApiPackage.DemoImages[0]), store.PathOf(FaceApiPackage.DemoImages[1])];
    }

    private static string CpuName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>The median of <paramref name="reps"/> timed runs (ms) after one warm-up run.</summary>
    internal static double Median(int reps, Action action)
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

    internal static double Round(double value) => Math.Round(value, 2);
}

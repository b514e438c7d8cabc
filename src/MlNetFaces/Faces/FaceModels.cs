using System.Collections.Concurrent;
using System.Security.Cryptography;
using MlNetFaces.Inference;
using MlNetFaces.IO;
using MlNetFaces.Models;
using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Faces;

/// <summary>
/// The pretrained nets of one model store on one device and engine, each loaded on first use and then shared by
/// everything in the process (a model is never loaded twice). With ONNX Runtime the nets are exported to ONNX once
/// into the store's <c>onnx</c> folder (which needs TorchSharp that one time) and read from there afterwards, so a
/// process that only infers never loads libtorch.
/// </summary>
public sealed class FaceModels
{
    /// <summary>The folder of the store where the ONNX exports of the nets are kept.</summary>
    public const string OnnxFolder = "onnx";

    /// <summary>The version of the face nets' ONNX export; a change to an emitter bumps it, so that older exports are not used.</summary>
    internal const int OnnxExportVersion = 3;

    private const int TinyInputSize = 416;
    private const int SsdMaxResults = 100;

    private static readonly ConcurrentDictionary<(string Root, string Device, InferenceEngine Engine, int Threads), FaceModels> Cache = new();

    private readonly int intraOpThreads;
    private readonly Lazy<Device> device;
    private readonly Lazy<SsdMobilenetV1> ssd;
    private readonly Lazy<TinyFaceDetector> tiny;
    private readonly Lazy<FaceLandmark68Net> landmarks;
    private readonly Lazy<FaceRecognitionNet> recognition;
    private readonly Lazy<FaceRecognitionNet> dlibRecognition;
    private readonly Lazy<IFaceNetRunner> ssdRunner;
    private readonly Lazy<IFaceDetector> ssdDetector;
    private readonly Lazy<IFaceDetector> tinyDetector;
    private readonly Lazy<IFaceNetRunner> landmarkRunner;
    private readonly Lazy<IFaceNetRunner> recognitionRunner;
    private readonly Lazy<IFaceNetRunner> dlibRecognitionRunner;

    private FaceModels(ModelStore store, string deviceName, InferenceEngine engine, int intraOpThreads)
    {
        Store = store;
        Engine = engine;
        this.intraOpThreads = intraOpThreads;
        device = new(() => TorchRuntime.ParseDevice(deviceName));
        ssd = new(() => Prepare(SsdMobilenetV1.Load(store)));
        tiny = new(() => Prepare(TinyFaceDetector.Load(store)));
        landmarks = new(() => Prepare(FaceLandmark68Net.Load(store)));
        recognition = new(() => Prepare(FaceRecognitionNet.Load(store, RecognitionWeights.FaceApi8Bit)));
        dlibRecognition = new(() => Prepare(FaceRecognitionNet.Load(store, RecognitionWeights.DlibFloat32)));
        ssdRunner = new(() => Runner(FaceApiPackage.SsdMobilenetV1, ssd, n => n.ExportOnnx(), n => new TorchFaceNetRunner(x => Outputs(n.forward(x)), TorchFaceNetRunner.DeviceOf(n))));
        ssdDetector = new(() => new SsdDetector(ssdRunner.Value, SsdMaxResults));
        tinyDetector = new(() => new TinyYoloDetector(
            Runner($"{FaceApiPackage.TinyFaceDetector}.{TinyInputSize}", tiny, n => n.ExportOnnx(), TorchFaceNetRunner.Of),
            TinyInputSize));
        landmarkRunner = new(() => Runner(FaceApiPackage.FaceLandmark68, landmarks, n => n.ExportOnnx(), TorchFaceNetRunner.Of));
        recognitionRunner = new(() => Runner(FaceApiPackage.FaceRecognition, recognition, n => n.ExportOnnx(), TorchFaceNetRunner.Of));
        dlibRecognitionRunner = new(() => Runner(Path.GetFileNameWithoutExtension(DlibModelsPackage.Recognition.FileName), dlibRecognition, n => n.ExportOnnx(), TorchFaceNetRunner.Of));
    }

    /// <summary>The store the weights come from (and the ONNX exports go to).</summary>
    public ModelStore Store { get; }

    /// <summary>The engine that runs the nets for <see cref="FacePipeline"/>: never <see cref="InferenceEngine.Default"/>.</summary>
    public InferenceEngine Engine { get; }

    /// <summary>The TorchSharp device of the TorchSharp modules below (reading it loads libtorch).</summary>
    public Device Device => device.Value;

    /// <summary>The SSD detector as a TorchSharp module (loads libtorch on first use, whatever the engine).</summary>
    public SsdMobilenetV1 Ssd => ssd.Value;

    /// <summary>The tiny detector as a TorchSharp module (loads libtorch on first use, whatever the engine).</summary>
    public TinyFaceDetector Tiny => tiny.Value;

    /// <summary>The 68-point landmark net as a TorchSharp module (loads libtorch on first use, whatever the engine).</summary>
    public FaceLandmark68Net Landmarks => landmarks.Value;

    /// <summary>
    /// The recognition net with the chosen weights as a TorchSharp module, one shared net per choice, loaded on first
    /// use (with libtorch, whatever the engine).
    /// </summary>
    public FaceRecognitionNet RecognitionNet(RecognitionWeights weights) => weights switch
    {
        RecognitionWeights.FaceApi8Bit => recognition.Value,
        RecognitionWeights.DlibFloat32 => dlibRecognition.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "Unknown recognition weights."),
    };

    /// <summary>
    /// The shared models of a store (default: fetched on first use) on a device ("cpu", "cuda") and engine
    /// (<see cref="InferenceEngine.Default"/>: ONNX Runtime on the CPU, TorchSharp elsewhere), with
    /// <paramref name="intraOpThreads"/> threads per ONNX Runtime run (0: one per core).
    /// </summary>
    public static FaceModels Get(ModelStore? store = null, string device = "cpu", InferenceEngine engine = InferenceEngine.Default, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var name = string.IsNullOrWhiteSpace(device) ? "cpu" : device.Trim().ToLowerInvariant();
        var resolved = engine switch
        {
            InferenceEngine.Default => name == "cpu" ? InferenceEngine.OnnxRuntime : InferenceEngine.TorchSharp,
            InferenceEngine.OnnxRuntime when name != "cpu" => throw new ArgumentException(
                $"ONNX Runtime runs the face nets on the CPU only; for the device '{device}' choose the TorchSharp engine.", nameof(engine)),
            InferenceEngine.OnnxRuntime or InferenceEngine.TorchSharp => engine,
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown inference engine."),
        };
        if (resolved == InferenceEngine.TorchSharp)
        {
            name = TorchRuntime.ParseDevice(name).ToString(); // fails early on a device this build cannot use
        }

        store ??= new ModelStore();
        var threads = resolved == InferenceEngine.OnnxRuntime ? intraOpThreads : 0;
        return Cache.GetOrAdd((store.Root, name, resolved, threads), key =>
        {
            store.EnsureAvailable();
            return new FaceModels(store, key.Device, key.Engine, key.Threads);
        });
    }

    /// <summary>The detector of the given kind, on this engine (one shared instance per kind).</summary>
    public IFaceDetector Detector(DetectorKind kind) => kind == DetectorKind.Tiny ? tinyDetector.Value : ssdDetector.Value;

    /// <summary>The SSD net on this engine: decoded boxes and scores of a batch [N,3,512,512].</summary>
    internal IFaceNetRunner SsdRunner => ssdRunner.Value;

    /// <summary>The 68-point landmark net on this engine.</summary>
    internal IFaceNetRunner LandmarkRunner => landmarkRunner.Value;

    /// <summary>The recognition net with the chosen weights on this engine.</summary>
    internal IFaceNetRunner RecognitionRunner(RecognitionWeights weights) => weights switch
    {
        RecognitionWeights.FaceApi8Bit => recognitionRunner.Value,
        RecognitionWeights.DlibFloat32 => dlibRecognitionRunner.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "Unknown recognition weights."),
    };

    /// <summary>
    /// Waits for the nets <see cref="LoadInBackground"/> started (their failures stay in their lazies). A process must
    /// not exit while one is being created: native libraries unloading under a thread still inside them crash the
    /// process (seen: exit 139 in about 1 of 12 runs of a command that failed on a truncated file while SSD loaded).
    /// </summary>
    internal static void WaitForBackgroundLoads() => Task.WaitAll([.. Loads]);

    private static readonly ConcurrentBag<Task> Loads = [];

    /// <summary>
    /// Starts loading the given nets, each on a thread of its own, so that their sessions are ready (or nearly) when
    /// first used: on several cores, loading them one after another costs more wall time than the work itself.
    /// </summary>
    internal void LoadInBackground(DetectorKind? detector, bool landmarks, RecognitionWeights? recognitionWeights)
    {
        if (detector is { } kind)
        {
            Start(kind == DetectorKind.Tiny ? tinyDetector : ssdDetector);
        }

        if (landmarks)
        {
            Start(landmarkRunner);
        }

        if (recognitionWeights is { } weights)
        {
            Start(weights == RecognitionWeights.FaceApi8Bit ? recognitionRunner : dlibRecognitionRunner);
        }

        static void Start<T>(Lazy<T> lazy)
        {
            if (!lazy.IsValueCreated)
            {
                // A failure stays in the Lazy and is thrown where the net is used.
                // A thread of its own: loading is seconds of CPU work that would otherwise hold one of the thread pool's
                // few threads (two on a 2-core machine), so the nets queued behind it waited for the pool to grow.
                Loads.Add(Task.Factory.StartNew(() => lazy.Value, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    .ContinueWith(t => t.Exception, TaskScheduler.Default));
            }
        }
    }

    private static Tensor[] Outputs((Tensor Boxes, Tensor Scores) output) => [output.Boxes, output.Scores];

    private IFaceNetRunner Runner<T>(string name, Lazy<T> module, Func<T, byte[]> export, Func<T, IFaceNetRunner> torch) =>
        Engine == InferenceEngine.TorchSharp
            ? torch(module.Value)
            : OnnxRunner(name, () => export(module.Value));

    /// <summary>
    /// The ONNX export of a net from the store's <see cref="OnnxFolder"/>, checked against the SHA-256 stamped beside it
    /// (<see cref="VerifiedFile"/>); exported (and written, where the store can be written) when missing, stale or damaged.
    /// </summary>
    private OnnxFaceNetRunner OnnxRunner(string name, Func<byte[]> export)
    {
        var path = Path.Combine(Store.Root, OnnxFolder, $"{name}.export{OnnxExportVersion}.onnx");
        if (VerifiedFile.MatchesStamp(path))
        {
            return new OnnxFaceNetRunner(path, intraOpThreads); // ONNX Runtime reads the file itself: no managed copy
        }

        var model = export();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, model);
            VerifiedFile.TryStamp(path, Convert.ToHexStringLower(SHA256.HashData(model)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only store: run the export from memory, and export again in the next process.
            return new OnnxFaceNetRunner(model, intraOpThreads);
        }

        DeleteOlderExports(name);
        return new OnnxFaceNetRunner(path, intraOpThreads); // from the file: its optimised graph is kept at once
    }

    /// <summary>
    /// The files of earlier export versions of a net (exports, optimised graphs, weights, stamps), never read again;
    /// one in use where open files cannot be deleted is left.
    /// </summary>
    private void DeleteOlderExports(string name)
    {
        var current = $"{name}.export{OnnxExportVersion}.";
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Store.Root, OnnxFolder), $"{name}.export*"))
        {
            if (!Path.GetFileName(file).StartsWith(current, StringComparison.Ordinal))
            {
                AtomicFile.TryDelete(file);
            }
        }
    }

    private T Prepare<T>(T module)
        where T : TorchSharp.torch.nn.Module
    {
        module.eval();
        module.to(Device);
        return module;
    }
}

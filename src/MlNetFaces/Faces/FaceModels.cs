using System.Collections.Concurrent;
using MlNetFaces.Models;
using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Faces;

/// <summary>
/// The pretrained nets of one model store on one device, each loaded on first use and then shared by
/// everything in the process (a model is never loaded twice).
/// </summary>
public sealed class FaceModels
{
    private static readonly ConcurrentDictionary<(string Root, string Device), FaceModels> Cache = new();

    private readonly Lazy<SsdMobilenetV1> ssd;
    private readonly Lazy<TinyFaceDetector> tiny;
    private readonly Lazy<FaceLandmark68Net> landmarks;
    private readonly Lazy<FaceRecognitionNet> recognition;
    private readonly Lazy<FaceRecognitionNet> dlibRecognition;

    private FaceModels(ModelStore store, Device device)
    {
        Store = store;
        Device = device;
        ssd = new(() => Prepare(SsdMobilenetV1.Load(store)));
        tiny = new(() => Prepare(TinyFaceDetector.Load(store)));
        landmarks = new(() => Prepare(FaceLandmark68Net.Load(store)));
        recognition = new(() => Prepare(FaceRecognitionNet.Load(store, RecognitionWeights.FaceApi8Bit)));
        dlibRecognition = new(() => Prepare(FaceRecognitionNet.Load(store, RecognitionWeights.DlibFloat32)));
    }

    public ModelStore Store { get; }

    public Device Device { get; }

    public SsdMobilenetV1 Ssd => ssd.Value;

    public TinyFaceDetector Tiny => tiny.Value;

    public FaceLandmark68Net Landmarks => landmarks.Value;

    /// <summary>
    /// The recognition net with the chosen weights, one shared net per choice, loaded on first use.
    /// </summary>
    public FaceRecognitionNet RecognitionNet(RecognitionWeights weights) => weights switch
    {
        RecognitionWeights.FaceApi8Bit => recognition.Value,
        RecognitionWeights.DlibFloat32 => dlibRecognition.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "Unknown recognition weights."),
    };

    /// <summary>The shared models of a store (default: fetched on first use) on a device ("cpu", "cuda").</summary>
    public static FaceModels Get(ModelStore? store = null, string device = "cpu")
    {
        var torchDevice = TorchRuntime.ParseDevice(device);
        store ??= new ModelStore();
        return Cache.GetOrAdd((store.Root, torchDevice.ToString()), _ =>
        {
            store.EnsureAvailable();
            return new FaceModels(store, torchDevice);
        });
    }

    public IFaceDetector Detector(DetectorKind kind) => kind == DetectorKind.Tiny ? Tiny : Ssd;

    private T Prepare<T>(T module)
        where T : TorchSharp.torch.nn.Module
    {
        module.eval();
        module.to(Device);
        return module;
    }
}

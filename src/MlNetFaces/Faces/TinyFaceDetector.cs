using MlNetFaces.Imaging;
using MlNetFaces.Inference;
using MlNetFaces.Models;
using MlNetFaces.Torch;
using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's <c>TinyFaceDetector</c> (Tiny-YOLOv2 with depthwise-separable convs, one class), with its
/// pretrained weights frozen. The forward pass maps a [N,3,S,S] RGB batch (values 0..255, S a multiple
/// of 32) to the raw head [N,25,S/32,S/32]: 5 anchors × (tx, ty, tw, th, tc) per cell, channel a·5+k;
/// <see cref="Detect(RgbImage)"/> adds padding, resizing, decoding, NMS and pixel boxes.
/// </summary>
public sealed class TinyFaceDetector : nn.Module<Tensor, Tensor>, IFaceDetector, IOnnxExportable
{

    /// <summary>face-api's <c>leaky</c>: slope 0.1 below zero.</summary>
    private const double LeakySlope = 0.1;
    private static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];
    private readonly Parameter conv0_weight;
    private readonly Parameter conv0_bias;
    private readonly ModuleList<SeparableConv> separable;
    private readonly Parameter conv8_weight;
    private readonly Parameter conv8_bias;
    private int inputSize = 416;

    /// <summary>Builds the net from the weights of <c>tiny_face_detector_model</c>.</summary>
    public TinyFaceDetector(TfjsWeights weights)
        : base(nameof(TinyFaceDetector))
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var scope = NewDisposeScope();
        conv0_weight = FrozenParameter.Create(weights.Conv("conv0/filters"));
        conv0_bias = FrozenParameter.Create(weights.Tensor("conv0/bias"));
        separable = nn.ModuleList(Enumerable.Range(1, 5).Select(i => new SeparableConv(weights, $"conv{i}")).ToArray());
        conv8_weight = FrozenParameter.Create(weights.Conv("conv8/filters"));
        conv8_bias = FrozenParameter.Create(weights.Tensor("conv8/bias"));
        RegisterComponents();
        eval();
    }

    /// <summary>The side of the square the net sees: a multiple of 32 (face-api's default 416).</summary>
    public int InputSize
    {
        get => inputSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            if (value % 32 != 0)
            {
                throw new ArgumentException($"InputSize must be a multiple of 32, got {value}.", nameof(value));
            }

            inputSize = value;
        }
    }

    /// <summary>Detections scoring at most this are dropped before NMS.</summary>
    public double ScoreThreshold { get; set; } = 0.5;

    /// <summary>Loads the pretrained net from a model store.</summary>
    public static TinyFaceDetector Load(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        TorchRuntime.EnsureLoaded();
        return new TinyFaceDetector(TfjsWeights.Load(store.ManifestOf(FaceApiPackage.TinyFaceDetector)));
    }

    /// <summary>[N,3,S,S] RGB 0..255 → raw head [N,25,S/32,S/32].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var mean = tensor(MeanRgb, [1, 3, 1, 1], device: input.device);
        var x = (input - mean) / 255;
        x = F.conv2d(x, conv0_weight, conv0_bias).leaky_relu_(LeakySlope);
        for (var i = 0; i < separable.Count; i++)
        {
            x = TfOps.MaxPoolSame(x, 2, 2);
            x = separable[i].forward(x);
        }

        x = TfOps.MaxPoolSame(x, 2, 1);
        return F.conv2d(x, conv8_weight, conv8_bias).MoveToOuterDisposeScope();
    }

    /// <summary>The input of the exported ONNX model: float [N,3,S,S], RGB 0..255, S the <see cref="InputSize"/> it was exported at.</summary>
    public const string OnnxInputName = "image";

    /// <summary>The output of the exported ONNX model: float [N,25,S/32,S/32], the raw head of <see cref="forward"/>.</summary>
    public const string OnnxOutputName = "head";

    /// <summary>
    /// <see cref="forward"/> at the current <see cref="InputSize"/> as an ONNX model (TF's 'same' pads depend on the
    /// size): input <see cref="OnnxInputName"/>, output <see cref="OnnxOutputName"/>.
    /// </summary>
    public byte[] ExportOnnx()
    {
        using var scope = NewDisposeScope();
        return OnnxExport.Export(this, OnnxInputName, [-1, 3, InputSize, InputSize], OnnxOutputName);
    }

    /// <inheritdoc/>
    public string EmitOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = graph.Div(graph.Sub(input, graph.AddInitializer("mean_rgb", MeanRgb, 1, 3, 1, 1)), graph.AddInitializer("pixel_scale", [255f]));
        x = graph.LeakyRelu(graph.Conv(x, graph.AddInitializer("conv0_weight", conv0_weight), graph.AddInitializer("conv0_bias", conv0_bias)), (float)LeakySlope);
        for (var i = 0; i < separable.Count; i++)
        {
            using var separableScope = graph.Scope($"separable{i}");
            x = separable[i].EmitOnnx(graph, graph.MaxPoolSame(x, 2, 2));
        }

        x = graph.MaxPoolSame(x, 2, 1);
        return graph.Conv(x, graph.AddInitializer("conv8_weight", conv8_weight), graph.AddInitializer("conv8_bias", conv8_bias));
    }

    /// <summary>Faces in one image, boxes in pixels, highest score first.</summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image) => Detect([image], ScoreThreshold)[0];

    /// <inheritdoc/>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image, double minScore) => Detect([image], minScore)[0];

    /// <summary>Faces in each image, from one forward pass over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images) => Detect(images, ScoreThreshold);

    /// <summary>Faces in each image scoring above <paramref name="minScore"/>, from one forward pass over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images, double minScore) =>
        new TinyYoloDetector(TorchFaceNetRunner.Of(this), InputSize).Detect(images, minScore);

    /// <summary>Pad 1, depthwise 3×3, pointwise 1×1 + bias, leaky: face-api's tiny-YOLO <c>depthwiseSeparableConv</c>.</summary>
    private sealed class SeparableConv : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Parameter depthwise_weight;
        private readonly Parameter pointwise_weight;
        private readonly Parameter bias;

        public SeparableConv(TfjsWeights weights, string prefix)
            : base(prefix)
        {
            using var scope = NewDisposeScope();
            depthwise_weight = FrozenParameter.Create(weights.Depthwise(prefix + "/depthwise_filter"));
            pointwise_weight = FrozenParameter.Create(weights.Conv(prefix + "/pointwise_filter"));
            bias = FrozenParameter.Create(weights.Tensor(prefix + "/bias"));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var depthwise = F.conv2d(input, depthwise_weight, padding: [1, 1], groups: input.shape[1]);
            return F.conv2d(depthwise, pointwise_weight, bias).leaky_relu_(LeakySlope);
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var depthwise = graph.Conv(input, graph.AddInitializer("depthwise_weight", depthwise_weight), null, pads: [1, 1, 1, 1], group: depthwise_weight.shape[0]);
            var pointwise = graph.Conv(depthwise, graph.AddInitializer("pointwise_weight", pointwise_weight), graph.AddInitializer("bias", bias));
            return graph.LeakyRelu(pointwise, (float)LeakySlope);
        }
    }
}

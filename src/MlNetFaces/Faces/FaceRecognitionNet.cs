using MlNetFaces.Models;
using MlNetFaces.Torch;
using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's <c>FaceRecognitionNet</c>: dlib's ResNet-29 face descriptor (FACEAPI_ARCH §3), with the pretrained
/// weights of <c>face_recognition_model</c>. Input [N,3,150,150] RGB 0..255 (already padded and resized);
/// output [N,128], the raw (not normalised) descriptor. dlib's per-channel affine layers are folded into the
/// convolutions: <c>(conv(x, W) + b)·s + c = conv(x, W·s) + (b·s + c)</c>. Exports to ONNX (<see cref="ExportOnnx"/>).
/// </summary>
public sealed class FaceRecognitionNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>The side of the square input, in pixels.</summary>
    public const int InputSize = 150;

    /// <summary>The length of the descriptor.</summary>
    public const int DescriptorSize = 128;

    /// <summary>The length of the pooled features before the final projection.</summary>
    public const int FeatureSize = 256;

    /// <summary>The input of the exported ONNX model: float [N,3,150,150], RGB 0..255.</summary>
    public const string OnnxInputName = "image";

    /// <summary>The output of the exported ONNX model: float [N,128], the raw descriptor.</summary>
    public const string OnnxOutputName = "descriptor";

    private readonly Tensor mean_rgb;
    private readonly Conv2d conv32_down;
    private readonly Residual conv32_1;
    private readonly Residual conv32_2;
    private readonly Residual conv32_3;
    private readonly ResidualDown conv64_down;
    private readonly Residual conv64_1;
    private readonly Residual conv64_2;
    private readonly Residual conv64_3;
    private readonly ResidualDown conv128_down;
    private readonly Residual conv128_1;
    private readonly Residual conv128_2;
    private readonly ResidualDown conv256_down;
    private readonly Residual conv256_1;
    private readonly Residual conv256_2;
    private readonly ResidualDown conv256_down_out;
    private readonly Linear fc;

    /// <summary>Builds the net from the decoded <c>face_recognition_model</c> manifest.</summary>
    public FaceRecognitionNet(TfjsWeights weights)
        : base(nameof(FaceRecognitionNet))
    {
        ArgumentNullException.ThrowIfNull(weights);
        mean_rgb = FaceNetNormalization.MeanRgb();
        using (NewDisposeScope())
        {
            conv32_down = AffineConv(weights, "conv32_down", stride: 2, padding: 0);
            conv32_1 = new Residual(weights, "conv32_1");
            conv32_2 = new Residual(weights, "conv32_2");
            conv32_3 = new Residual(weights, "conv32_3");
            conv64_down = new ResidualDown(weights, "conv64_down");
            conv64_1 = new Residual(weights, "conv64_1");
            conv64_2 = new Residual(weights, "conv64_2");
            conv64_3 = new Residual(weights, "conv64_3");
            conv128_down = new ResidualDown(weights, "conv128_down");
            conv128_1 = new Residual(weights, "conv128_1");
            conv128_2 = new Residual(weights, "conv128_2");
            conv256_down = new ResidualDown(weights, "conv256_down");
            conv256_1 = new Residual(weights, "conv256_1");
            conv256_2 = new Residual(weights, "conv256_2");
            conv256_down_out = new ResidualDown(weights, "conv256_down_out");
            fc = nn.Linear(FeatureSize, DescriptorSize, hasBias: false);
            fc.weight = nn.Parameter(weights.Linear("fc"));
        }

        RegisterComponents();
        eval();
    }

    /// <summary>
    /// Loads the pretrained net with the chosen copy of the weights from a model store, whose files must be present
    /// (<see cref="ModelStore.EnsureAvailable"/>, which <see cref="FaceModels.Get"/> runs once per store).
    /// </summary>
    public static FaceRecognitionNet Load(ModelStore store, RecognitionWeights weights)
    {
        ArgumentNullException.ThrowIfNull(store);
        TorchRuntime.EnsureLoaded();
        switch (weights)
        {
            case RecognitionWeights.FaceApi8Bit:
                return new FaceRecognitionNet(TfjsWeights.Load(store.ManifestOf(FaceApiPackage.FaceRecognition)));
            case RecognitionWeights.DlibFloat32:
                return new FaceRecognitionNet(DlibDatReader.ReadRecognitionNet(store.DlibRecognitionPath));
            default:
                throw new ArgumentOutOfRangeException(nameof(weights), weights, "Unknown recognition weights.");
        }
    }

    /// <summary>The id recorded with embeddings made with the given weights, so that results of the two never mix.</summary>
    public static string ModelId(RecognitionWeights weights) => weights switch
    {
        RecognitionWeights.FaceApi8Bit => FaceApiPackage.RecognitionModelId,
        RecognitionWeights.DlibFloat32 => DlibModelsPackage.RecognitionModelId,
        _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "Unknown recognition weights."),
    };

    /// <summary>The raw 128-D descriptors [N,128] of face crops [N,3,150,150] (RGB 0..255).</summary>
    public override Tensor forward(Tensor input)
    {
        using var features = Features(input);
        return fc.forward(features);
    }

    /// <summary>The pretrained final projection [128,256] (a copy).</summary>
    public Tensor ProjectionWeight() => fc.weight!.detach().clone();

    /// <summary>The 256-D globally pooled trunk features [N,256] that the final projection maps to the descriptor.</summary>
    public Tensor Features(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        FaceNetNormalization.CheckInput(x, InputSize);
        using var scope = NewDisposeScope();
        var h = FaceNetNormalization.Normalize(x, mean_rgb);
        h = conv32_down.forward(h).relu_();
        h = F.max_pool2d(h, [3, 3], [2, 2]);
        h = conv32_1.forward(h);
        h = conv32_2.forward(h);
        h = conv32_3.forward(h);
        h = conv64_down.forward(h);
        h = conv64_1.forward(h);
        h = conv64_2.forward(h);
        h = conv64_3.forward(h);
        h = conv128_down.forward(h);
        h = conv128_1.forward(h);
        h = conv128_2.forward(h);
        h = conv256_down.forward(h);
        h = conv256_1.forward(h);
        h = conv256_2.forward(h);
        h = conv256_down_out.forward(h);
        return h.mean([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The net as an ONNX model (input <see cref="OnnxInputName"/> [N,3,150,150] RGB 0..255, output
    /// <see cref="OnnxOutputName"/> [N,128]), with the normalisation inside the graph, for ML.NET's <c>ApplyOnnxModel</c>.
    /// </summary>
    public byte[] ExportOnnx() =>
        OnnxExport.Export(this, OnnxInputName, [-1, 3, InputSize, InputSize], OnnxOutputName);

    /// <inheritdoc/>
    public string EmitOnnx(OnnxGraphBuilder graph, string input) =>
        graph.Linear(EmitFeaturesOnnx(graph, input), fc, nameof(fc));

    /// <summary>Writes <see cref="Features"/> (normalisation, trunk, global pooling: [N,256]) into an ONNX graph.</summary>
    public string EmitFeaturesOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var h = graph.Div(graph.Sub(input, graph.AddInitializer(nameof(mean_rgb), mean_rgb)), graph.AddInitializer("pixel_scale", [255f]));
        h = graph.Relu(graph.Conv(h, conv32_down, nameof(conv32_down)));
        h = graph.MaxPool(h, [3, 3], [2, 2]);
        h = Emit(conv32_1, nameof(conv32_1), h);
        h = Emit(conv32_2, nameof(conv32_2), h);
        h = Emit(conv32_3, nameof(conv32_3), h);
        h = Emit(conv64_down, nameof(conv64_down), h);
        h = Emit(conv64_1, nameof(conv64_1), h);
        h = Emit(conv64_2, nameof(conv64_2), h);
        h = Emit(conv64_3, nameof(conv64_3), h);
        h = Emit(conv128_down, nameof(conv128_down), h);
        h = Emit(conv128_1, nameof(conv128_1), h);
        h = Emit(conv128_2, nameof(conv128_2), h);
        h = Emit(conv256_down, nameof(conv256_down), h);
        h = Emit(conv256_1, nameof(conv256_1), h);
        h = Emit(conv256_2, nameof(conv256_2), h);
        h = Emit(conv256_down_out, nameof(conv256_down_out), h);
        return graph.ReduceMean(h, [2, 3], keepDims: false);

        string Emit(IOnnxExportable block, string name, string x)
        {
            using var scope = graph.Scope(name);
            return block.EmitOnnx(graph, x);
        }
    }

    /// <summary>conv + bias followed by dlib's affine (<c>prefix/scale</c>), folded into one conv.</summary>
    private static Conv2d AffineConv(TfjsWeights weights, string prefix, long stride, long padding)
    {
        var filters = weights.Conv(prefix + "/conv/filters");
        var scale = weights.Tensor(prefix + "/scale/weights");
        var conv = nn.Conv2d(filters.shape[1], filters.shape[0], filters.shape[2], stride: stride, padding: padding);
        conv.weight = nn.Parameter(filters * scale.view(-1, 1, 1, 1));
        conv.bias = nn.Parameter((weights.Tensor(prefix + "/conv/bias") * scale) + weights.Tensor(prefix + "/scale/biases"));
        return conv;
    }

    /// <summary><c>relu(convNoRelu(conv(x)) + x)</c>: two 3×3 stride-1 'same' convs.</summary>
    private sealed class Residual : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Conv2d conv1;
        private readonly Conv2d conv2;

        public Residual(TfjsWeights weights, string prefix)
            : base(prefix)
        {
            conv1 = AffineConv(weights, prefix + "/conv1", stride: 1, padding: 1);
            conv2 = AffineConv(weights, prefix + "/conv2", stride: 1, padding: 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var y = conv2.forward(conv1.forward(input).relu_());
            return y.add_(input).relu_().MoveToOuterDisposeScope();
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var y = graph.Conv(graph.Relu(graph.Conv(input, conv1, nameof(conv1))), conv2, nameof(conv2));
            return graph.Relu(graph.Add(y, input));
        }
    }

    /// <summary>
    /// The down-sampling block: 3×3 stride-2 'valid' conv, 3×3 'same' conv; the shortcut is a 2×2 average pool with
    /// zero channels appended; when the conv branch is smaller it gets a zero row/column at the bottom/right.
    /// </summary>
    private sealed class ResidualDown : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Conv2d conv1;
        private readonly Conv2d conv2;

        public ResidualDown(TfjsWeights weights, string prefix)
            : base(prefix)
        {
            conv1 = AffineConv(weights, prefix + "/conv1", stride: 2, padding: 0);
            conv2 = AffineConv(weights, prefix + "/conv2", stride: 1, padding: 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var y = conv2.forward(conv1.forward(input).relu_());
            var shortcut = F.avg_pool2d(input, [2, 2], [2, 2]);
            if (shortcut.shape[1] != y.shape[1])
            {
                shortcut = F.pad(shortcut, [0, 0, 0, 0, 0, y.shape[1] - shortcut.shape[1]]);
            }

            if (shortcut.shape[2] != y.shape[2] || shortcut.shape[3] != y.shape[3])
            {
                y = F.pad(y, [0, shortcut.shape[3] - y.shape[3], 0, shortcut.shape[2] - y.shape[2]]);
            }

            return y.add_(shortcut).relu_().MoveToOuterDisposeScope();
        }

        /// <summary>As <see cref="forward"/>, with the zero padding sized from the statically inferred shapes.</summary>
        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var y = graph.Conv(graph.Relu(graph.Conv(input, conv1, nameof(conv1))), conv2, nameof(conv2));
            var shortcut = graph.AveragePool(input, [2, 2], [2, 2]);
            var s = StaticShape(graph, shortcut);
            var c = StaticShape(graph, y);
            if (s[1] != c[1])
            {
                // The zero channels appended by a 1×1 convolution with an identity block (exactly the values of a
                // channel Pad): ONNX Runtime keeps a convolution in its blocked NCHWc layout, where it fuses the block's
                // Add and Relu into conv2, while a Pad sent the rest of the stage through layout reorders.
                var identity = new float[c[1] * s[1]];
                for (var i = 0; i < s[1]; i++)
                {
                    identity[(i * s[1]) + i] = 1;
                }

                shortcut = graph.Conv(shortcut, graph.AddInitializer("shortcut_identity", identity, c[1], s[1], 1, 1), bias: null);
            }

            if (s[2] != c[2] || s[3] != c[3])
            {
                y = graph.Pad(y, [0, 0, 0, 0, 0, 0, s[2] - c[2], s[3] - c[3]]);
            }

            return graph.Relu(graph.Add(y, shortcut));
        }

        private static long[] StaticShape(OnnxGraphBuilder graph, string value) =>
            graph.ShapeOf(value) is { Length: 4 } shape && shape[1..].All(d => d > 0)
                ? shape
                : throw new NotSupportedException("ResidualDown exports only with a static channel count and spatial size.");
    }
}

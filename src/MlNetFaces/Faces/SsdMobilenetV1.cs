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
/// face-api's <c>SsdMobilenetv1</c> face detector (TF Object Detection API SSD on MobileNetV1, trained on
/// WIDER FACE), with its pretrained weights frozen. The forward pass maps a [N,3,512,512] RGB batch
/// (values 0..255) to decoded boxes [N,5118,4] (ymin, xmin, ymax, xmax, relative to the padded square)
/// and face scores [N,5118]; <see cref="Detect(RgbImage)"/> adds padding, resizing, NMS and pixel boxes.
/// </summary>
public sealed class SsdMobilenetV1 : nn.Module<Tensor, (Tensor Boxes, Tensor Scores)>, IFaceDetector
{
    /// <summary>The side of the square the net sees.</summary>
    public const int InputSize = 512;

    private const double BatchNormEpsilon = 0.0010000000474974513;
    private static readonly int[] StrideTwoBlocks = [2, 4, 6, 12];

    private readonly ModuleList<nn.Module<Tensor, Tensor>> mobilenet;
    private readonly ModuleList<PointwiseConvLayer> prediction;
    private readonly ModuleList<BoxPredictor> box_predictors;
    private readonly Tensor anchors;
    private int maxResults = 100;

    /// <summary>Builds the net from the weights of <c>ssd_mobilenetv1_model</c>.</summary>
    public SsdMobilenetV1(TfjsWeights weights)
        : base(nameof(SsdMobilenetV1))
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var scope = NewDisposeScope();
        var body = new List<nn.Module<Tensor, Tensor>> { new PointwiseConvLayer(weights, "MobilenetV1/Conv2d_0_pointwise", 2) };
        for (var i = 1; i <= 13; i++)
        {
            var stride = StrideTwoBlocks.Contains(i) ? 2 : 1;
            body.Add(nn.Sequential(
                ("depthwise", new DepthwiseConvLayer(weights, $"MobilenetV1/Conv2d_{i}_depthwise", stride)),
                ("pointwise", new PointwiseConvLayer(weights, $"MobilenetV1/Conv2d_{i}_pointwise", 1))));
        }

        mobilenet = nn.ModuleList(body.ToArray());
        prediction = nn.ModuleList(Enumerable.Range(0, 8)
            .Select(i => new PointwiseConvLayer(weights, $"Prediction/Conv2d_{i}_pointwise", i % 2 == 1 ? 2 : 1))
            .ToArray());
        box_predictors = nn.ModuleList(Enumerable.Range(0, 6)
            .Select(k => new BoxPredictor(weights, $"Prediction/BoxPredictor_{k}"))
            .ToArray());
        anchors = weights.Tensor("Output/extra_dim").reshape(-1, 4).contiguous().DetachFromDisposeScope();

        RegisterComponents();
        eval();
    }

    /// <summary>Detections scoring at most this are dropped before NMS (face-api's <c>minConfidence</c>).</summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>At most this many faces per image (face-api's <c>maxResults</c>).</summary>
    public int MaxResults
    {
        get => maxResults;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            maxResults = value;
        }
    }

    /// <summary>Loads the pretrained net from a model store.</summary>
    public static SsdMobilenetV1 Load(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        TorchRuntime.EnsureLoaded();
        return new SsdMobilenetV1(TfjsWeights.Load(store.ManifestOf(FaceApiPackage.SsdMobilenetV1)));
    }

    /// <summary>[N,3,512,512] RGB 0..255 → boxes [N,5118,4] (ymin, xmin, ymax, xmax) and scores [N,5118].</summary>
    public override (Tensor Boxes, Tensor Scores) forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var x = input.mul(0.007843137718737125).sub(1);
        var features = new List<Tensor>(6);
        for (var i = 0; i < mobilenet.Count; i++)
        {
            x = mobilenet[i].forward(x);
            if (i == 11)
            {
                features.Add(x);
            }
        }

        features.Add(x);
        for (var i = 0; i < prediction.Count; i++)
        {
            x = prediction[i].forward(x);
            if (i % 2 == 1)
            {
                features.Add(x);
            }
        }

        var predictions = features.Select((f, k) => box_predictors[k].forward(f)).ToList();
        var encodings = cat(predictions.Select(p => p.Encodings).ToList(), 1);
        var logits = cat(predictions.Select(p => p.Logits).ToList(), 1);
        var boxes = DecodeBoxes(encodings);
        var scores = logits.select(2, 1).sigmoid();
        return (boxes.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope());
    }

    /// <summary>The input of the exported ONNX model: float [N,3,512,512], RGB 0..255.</summary>
    public const string OnnxInputName = "image";

    /// <summary>The first output of the exported ONNX model: float [N,5118,4], the decoded boxes of <see cref="forward"/>.</summary>
    public const string OnnxBoxesName = "boxes";

    /// <summary>The second output of the exported ONNX model: float [N,5118], the face scores of <see cref="forward"/>.</summary>
    public const string OnnxScoresName = "scores";

    /// <summary>The number of anchors, and so of boxes per image.</summary>
    public int AnchorCount => (int)anchors.shape[0];

    /// <summary>
    /// <see cref="forward"/> as an ONNX model: input <see cref="OnnxInputName"/>, outputs <see cref="OnnxBoxesName"/>
    /// and <see cref="OnnxScoresName"/>, box decoding included.
    /// </summary>
    public byte[] ExportOnnx()
    {
        using var scope = NewDisposeScope();
        var graph = new OnnxGraphBuilder(nameof(SsdMobilenetV1));
        var input = graph.AddInput(OnnxInputName, [-1, 3, InputSize, InputSize]);
        var x = graph.Sub(graph.Mul(input, graph.AddInitializer("input_scale", [0.007843137718737125f])), graph.AddInitializer("one", [1f]));
        var features = new List<string>(6);
        for (var i = 0; i < mobilenet.Count; i++)
        {
            using (graph.Scope($"mobilenet{i}"))
            {
                foreach (var layer in mobilenet[i] is Sequential block ? block.children().Cast<IOnnxExportable>() : [(IOnnxExportable)mobilenet[i]])
                {
                    x = layer.EmitOnnx(graph, x);
                }
            }

            if (i == 11)
            {
                features.Add(x);
            }
        }

        features.Add(x);
        for (var i = 0; i < prediction.Count; i++)
        {
            using (graph.Scope($"prediction{i}"))
            {
                x = prediction[i].EmitOnnx(graph, x);
            }

            if (i % 2 == 1)
            {
                features.Add(x);
            }
        }

        var predictions = features.Select((f, k) =>
        {
            using var predictorScope = graph.Scope($"box_predictor{k}");
            return box_predictors[k].EmitOnnx(graph, f);
        }).ToList();
        var encodings = graph.Concat(predictions.Select(p => p.Encodings).ToList(), 1);
        var logits = graph.Concat(predictions.Select(p => p.Logits).ToList(), 1);
        graph.AddOutput(EmitDecodeBoxes(graph, encodings), OnnxBoxesName);
        graph.AddOutput(graph.Sigmoid(graph.Select(logits, 2, 1)), OnnxScoresName);
        return graph.ToBytes();
    }

    /// <summary><see cref="DecodeBoxes"/> in an ONNX graph, with the same arithmetic in the same order.</summary>
    private string EmitDecodeBoxes(OnnxGraphBuilder graph, string encodings)
    {
        var height = anchors[.., 2] - anchors[.., 0];
        var width = anchors[.., 3] - anchors[.., 1];
        var h = graph.AddInitializer("anchor_height", height);
        var w = graph.AddInitializer("anchor_width", width);
        var centerY = graph.AddInitializer("anchor_center_y", anchors[.., 0] + (height / 2));
        var centerX = graph.AddInitializer("anchor_center_x", anchors[.., 1] + (width / 2));
        var ten = graph.AddInitializer("ten", [10f]);
        var five = graph.AddInitializer("five", [5f]);
        var two = graph.AddInitializer("two", [2f]);
        var y = graph.Add(graph.Mul(graph.Div(graph.Select(encodings, 2, 0), ten), h), centerY);
        var x = graph.Add(graph.Mul(graph.Div(graph.Select(encodings, 2, 1), ten), w), centerX);
        var halfHeight = graph.Div(graph.Mul(graph.Exp(graph.Div(graph.Select(encodings, 2, 2), five)), h), two);
        var halfWidth = graph.Div(graph.Mul(graph.Exp(graph.Div(graph.Select(encodings, 2, 3), five)), w), two);
        string Column(string v) => graph.Reshape(v, [0, -1, 1]);
        return graph.Concat(
            [Column(graph.Sub(y, halfHeight)), Column(graph.Sub(x, halfWidth)), Column(graph.Add(y, halfHeight)), Column(graph.Add(x, halfWidth))],
            2);
    }

    /// <summary>Faces in one image, boxes in pixels, highest score first.</summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image) => Detect([image], MinConfidence)[0];

    /// <inheritdoc/>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image, double minScore) => Detect([image], minScore)[0];

    /// <summary>Faces in each image, from one forward pass over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images) => Detect(images, MinConfidence);

    /// <summary>Faces in each image scoring above <paramref name="minScore"/>, from one forward pass over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images, double minScore) =>
        new SsdDetector(new TorchFaceNetRunner(x => [.. ToArray(forward(x))], anchors.device), MaxResults).Detect(images, minScore);

    private static Tensor[] ToArray((Tensor Boxes, Tensor Scores) output) => [output.Boxes, output.Scores];

    /// <summary>face-api's <c>outputLayer</c>: anchor-relative encodings (ty, tx, th, tw) → boxes.</summary>
    private Tensor DecodeBoxes(Tensor encodings)
    {
        using var scope = NewDisposeScope();
        var height = anchors[.., 2] - anchors[.., 0];
        var width = anchors[.., 3] - anchors[.., 1];
        var centerY = anchors[.., 0] + (height / 2);
        var centerX = anchors[.., 1] + (width / 2);
        var y = (encodings[.., .., 0] / 10 * height) + centerY;
        var x = (encodings[.., .., 1] / 10 * width) + centerX;
        var halfHeight = (encodings[.., .., 2] / 5).exp() * height / 2;
        var halfWidth = (encodings[.., .., 3] / 5).exp() * width / 2;
        return stack([y - halfHeight, x - halfWidth, y + halfHeight, x + halfWidth], 2).MoveToOuterDisposeScope();
    }

    /// <summary>TF conv (SAME padding) + folded batch-norm offset, relu6: face-api's <c>pointwiseConvLayer</c>.</summary>
    private sealed class PointwiseConvLayer : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Parameter weight;
        private readonly Parameter bias;
        private readonly long stride;

        public PointwiseConvLayer(TfjsWeights weights, string prefix, long stride)
            : base(prefix)
        {
            using var scope = NewDisposeScope();
            weight = FrozenParameter.Create(weights.Conv(prefix + "/weights"));
            bias = FrozenParameter.Create(weights.Tensor(prefix + "/convolution_bn_offset"));
            this.stride = stride;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            return TfOps.Conv2dSame(input, weight, bias, stride).relu6_();
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input) =>
            graph.Clip(graph.ConvSame(input, weight, bias, stride, "pointwise"), 0, 6);
    }

    /// <summary>TF depthwise conv (SAME padding), unfolded batch norm, relu6: face-api's <c>depthwiseConvLayer</c>.</summary>
    private sealed class DepthwiseConvLayer : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Parameter weight;
        private readonly Parameter bn_weight;
        private readonly Parameter bn_bias;
        private readonly Tensor running_mean;
        private readonly Tensor running_var;
        private readonly long stride;

        public DepthwiseConvLayer(TfjsWeights weights, string prefix, long stride)
            : base(prefix)
        {
            using var scope = NewDisposeScope();
            weight = FrozenParameter.Create(weights.Depthwise(prefix + "/depthwise_weights"));
            bn_weight = FrozenParameter.Create(weights.Tensor(prefix + "/BatchNorm/gamma"));
            bn_bias = FrozenParameter.Create(weights.Tensor(prefix + "/BatchNorm/beta"));
            running_mean = weights.Tensor(prefix + "/BatchNorm/moving_mean").DetachFromDisposeScope();
            running_var = weights.Tensor(prefix + "/BatchNorm/moving_variance").DetachFromDisposeScope();
            this.stride = stride;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var conv = TfOps.DepthwiseSame(input, weight, stride);
            return F.batch_norm(conv, running_mean, running_var, bn_weight, bn_bias, training: false, eps: BatchNormEpsilon).relu6_();
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var conv = graph.DepthwiseSame(input, weight, stride, "depthwise");
            using var scope = graph.Scope("bn");
            var normalized = graph.BatchNormalization(
                conv,
                graph.AddInitializer("weight", bn_weight),
                graph.AddInitializer("bias", bn_bias),
                graph.AddInitializer("running_mean", running_mean),
                graph.AddInitializer("running_var", running_var),
                (float)BatchNormEpsilon);
            return graph.Clip(normalized, 0, 6);
        }
    }

    /// <summary>1×1 box-encoding and class convs of one feature map, flattened in NHWC anchor order.</summary>
    private sealed class BoxPredictor : nn.Module<Tensor, (Tensor Encodings, Tensor Logits)>
    {
        private readonly Parameter box_weight;
        private readonly Parameter box_bias;
        private readonly Parameter class_weight;
        private readonly Parameter class_bias;

        public BoxPredictor(TfjsWeights weights, string prefix)
            : base(prefix)
        {
            using var scope = NewDisposeScope();
            box_weight = FrozenParameter.Create(weights.Conv(prefix + "/BoxEncodingPredictor/weights"));
            box_bias = FrozenParameter.Create(weights.Tensor(prefix + "/BoxEncodingPredictor/biases"));
            class_weight = FrozenParameter.Create(weights.Conv(prefix + "/ClassPredictor/weights"));
            class_bias = FrozenParameter.Create(weights.Tensor(prefix + "/ClassPredictor/biases"));
            RegisterComponents();
        }

        public override (Tensor Encodings, Tensor Logits) forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var n = input.shape[0];
            var encodings = F.conv2d(input, box_weight, box_bias).permute(0, 2, 3, 1).reshape(n, -1, 4);
            var logits = F.conv2d(input, class_weight, class_bias).permute(0, 2, 3, 1).reshape(n, -1, 3);
            return (encodings.MoveToOuterDisposeScope(), logits.MoveToOuterDisposeScope());
        }

        /// <summary>The ONNX form of <see cref="forward"/>: the names of the encodings [N,A,4] and logits [N,A,3].</summary>
        public (string Encodings, string Logits) EmitOnnx(OnnxGraphBuilder graph, string input) =>
            (Head(graph, input, box_weight, box_bias, 4, "box"), Head(graph, input, class_weight, class_bias, 3, "class"));

        private static string Head(OnnxGraphBuilder graph, string input, Tensor weight, Tensor bias, long width, string name)
        {
            using var scope = graph.Scope(name);
            var conv = graph.Conv(input, graph.AddInitializer("weight", weight), graph.AddInitializer("bias", bias));
            return graph.Reshape(graph.Transpose(conv, [0, 2, 3, 1]), [0, -1, width]);
        }
    }
}

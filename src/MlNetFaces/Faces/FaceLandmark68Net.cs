using MlNetFaces.Models;
using MlNetFaces.Torch;
using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's <c>FaceLandmark68Net</c> (four dense blocks) or <c>FaceLandmark68TinyNet</c> (three), FACEAPI_ARCH §4,
/// with the pretrained weights of <c>face_landmark_68_model</c> / <c>face_landmark_68_tiny_model</c>.
/// Input [N,3,112,112] RGB 0..255 (already padded and resized); output [N,136], the raw 68 interleaved (x,y)
/// relative to the 112 square (see <see cref="LandmarkDecoding"/>). Every convolution uses TF 'same' padding,
/// which for the stride-2 ones on even sizes is 0 before and 1 after.
/// </summary>
public sealed class FaceLandmark68Net : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>The side of the square input, in pixels.</summary>
    public const int InputSize = 112;

    /// <summary>The number of landmarks.</summary>
    public const int PointCount = 68;

    private readonly Tensor mean_rgb;
    private readonly DenseBlock dense0;
    private readonly DenseBlock dense1;
    private readonly DenseBlock dense2;
    private readonly DenseBlock? dense3;
    private readonly Linear fc;

    /// <summary>Builds the net from a decoded manifest: the full net, or the tiny one when <paramref name="tiny"/>.</summary>
    public FaceLandmark68Net(TfjsWeights weights, bool tiny)
        : base(tiny ? "FaceLandmark68TinyNet" : nameof(FaceLandmark68Net))
    {
        ArgumentNullException.ThrowIfNull(weights);
        IsTiny = tiny;
        mean_rgb = FaceNetNormalization.MeanRgb();
        var convs = tiny ? 3 : 4;
        using (NewDisposeScope())
        {
            dense0 = new DenseBlock(weights, "dense0", first: true, convs);
            dense1 = new DenseBlock(weights, "dense1", first: false, convs);
            dense2 = new DenseBlock(weights, "dense2", first: false, convs);
            dense3 = tiny ? null : new DenseBlock(weights, "dense3", first: false, convs);
            var fcWeight = weights.Linear("fc/weights");
            fc = nn.Linear(fcWeight.shape[1], fcWeight.shape[0]);
            fc.weight = nn.Parameter(fcWeight);
            fc.bias = nn.Parameter(weights.Tensor("fc/bias"));
        }

        RegisterComponents();
        eval();
    }

    /// <summary>True for the tiny variant (three dense blocks, 128 features).</summary>
    public bool IsTiny { get; }

    /// <summary>Loads the pretrained full or tiny net from a model store (the files must be present).</summary>
    public static FaceLandmark68Net Load(ModelStore store, bool tiny = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        TorchRuntime.EnsureLoaded();
        var model = tiny ? FaceApiPackage.FaceLandmark68Tiny : FaceApiPackage.FaceLandmark68;
        return new FaceLandmark68Net(TfjsWeights.Load(store.ManifestOf(model)), tiny);
    }

    /// <summary>The raw outputs [N,136] of face crops [N,3,112,112] (RGB 0..255).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FaceNetNormalization.CheckInput(input, InputSize);
        using var scope = NewDisposeScope();
        var h = FaceNetNormalization.Normalize(input, mean_rgb);
        h = dense0.forward(h);
        h = dense1.forward(h);
        h = dense2.forward(h);
        if (dense3 is not null)
        {
            h = dense3.forward(h);
        }

        // face-api: avgPool 7×7 (full, 7×7 map) or 14×14 (tiny, 14×14 map), stride 2, 'valid' → 1×1.
        var pool = IsTiny ? 14 : 7;
        h = F.avg_pool2d(h, [pool, pool], [2, 2]).flatten(1);
        return fc.forward(h).MoveToOuterDisposeScope();
    }

    /// <summary>The input of the exported ONNX model: float [N,3,112,112], RGB 0..255.</summary>
    public const string OnnxInputName = "image";

    /// <summary>The output of the exported ONNX model: float [N,136], the raw landmarks of <see cref="forward"/>.</summary>
    public const string OnnxOutputName = "landmarks";

    /// <summary><see cref="forward"/> as an ONNX model: input <see cref="OnnxInputName"/>, output <see cref="OnnxOutputName"/>.</summary>
    public byte[] ExportOnnx()
    {
        using var scope = NewDisposeScope();
        return OnnxExport.Export(this, OnnxInputName, [-1, 3, InputSize, InputSize], OnnxOutputName);
    }

    /// <inheritdoc/>
    public string EmitOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var h = graph.Div(graph.Sub(input, graph.AddInitializer(nameof(mean_rgb), mean_rgb)), graph.AddInitializer("pixel_scale", [255f]));
        foreach (var (block, name) in new[] { (dense0, nameof(dense0)), (dense1, nameof(dense1)), (dense2, nameof(dense2)), (dense3, nameof(dense3)) })
        {
            if (block is not null)
            {
                using var scope = graph.Scope(name);
                h = block.EmitOnnx(graph, h);
            }
        }

        var pool = IsTiny ? 14 : 7;
        h = graph.Flatten(graph.AveragePool(h, [pool, pool], [2, 2]));
        return graph.Linear(h, fc, nameof(fc));
    }

    /// <summary>A parameter made from <paramref name="data"/>, kept alive beyond the constructor's dispose scope.</summary>
    private static Parameter Keep(Tensor data)
    {
        var parameter = nn.Parameter(data);
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    /// <summary>
    /// <c>relu(out1 + … + outK)</c> with <c>out1 = relu(conv0(x))</c> (stride 2) and
    /// <c>out(k+1) = conv_k(relu(out1 + … + outk))</c> (stride 1).
    /// </summary>
    private sealed class DenseBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly nn.Module<Tensor, Tensor> conv0;
        private readonly SeparableConv conv1;
        private readonly SeparableConv conv2;
        private readonly SeparableConv? conv3;

        public DenseBlock(TfjsWeights weights, string prefix, bool first, int convs)
            : base(prefix)
        {
            conv0 = first
                ? new SameConv(weights.Conv(prefix + "/conv0/filters"), weights.Tensor(prefix + "/conv0/bias"), stride: 2)
                : new SeparableConv(weights, prefix + "/conv0", stride: 2);
            conv1 = new SeparableConv(weights, prefix + "/conv1", stride: 1);
            conv2 = new SeparableConv(weights, prefix + "/conv2", stride: 1);
            conv3 = convs == 4 ? new SeparableConv(weights, prefix + "/conv3", stride: 1) : null;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var out1 = conv0.forward(input).relu_();
            var sum = out1 + conv1.forward(out1);
            sum = sum + conv2.forward(sum.relu());
            if (conv3 is not null)
            {
                sum = sum + conv3.forward(sum.relu());
            }

            return sum.relu_().MoveToOuterDisposeScope();
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var out1 = graph.Relu(Emit(conv0, nameof(conv0), input));
            var sum = graph.Add(out1, Emit(conv1, nameof(conv1), out1));
            sum = graph.Add(sum, Emit(conv2, nameof(conv2), graph.Relu(sum)));
            if (conv3 is not null)
            {
                sum = graph.Add(sum, Emit(conv3, nameof(conv3), graph.Relu(sum)));
            }

            return graph.Relu(sum);

            string Emit(nn.Module<Tensor, Tensor> conv, string name, string x)
            {
                using var scope = graph.Scope(name);
                return ((IOnnxExportable)conv).EmitOnnx(graph, x);
            }
        }
    }

    /// <summary>A full conv + bias with TF 'same' padding.</summary>
    private sealed class SameConv : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Parameter weight;
        private readonly Parameter bias;
        private readonly long stride;

        public SameConv(Tensor weightOihw, Tensor bias, long stride)
            : base(nameof(SameConv))
        {
            weight = Keep(weightOihw);
            this.bias = Keep(bias);
            this.stride = stride;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => TfOps.Conv2dSame(input, weight, bias, stride);

        public string EmitOnnx(OnnxGraphBuilder graph, string input) => graph.ConvSame(input, weight, bias, stride, "conv");
    }

    /// <summary><c>tf.separableConv2d</c> ('same') + bias: depthwise 3×3, then pointwise 1×1, no activation.</summary>
    private sealed class SeparableConv : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Parameter depthwise;
        private readonly Parameter pointwise;
        private readonly Parameter bias;
        private readonly long stride;

        public SeparableConv(TfjsWeights weights, string prefix, long stride)
            : base(nameof(SeparableConv))
        {
            depthwise = Keep(weights.Depthwise(prefix + "/depthwise_filter"));
            pointwise = Keep(weights.Conv(prefix + "/pointwise_filter"));
            bias = Keep(weights.Tensor(prefix + "/bias"));
            this.stride = stride;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var d = TfOps.DepthwiseSame(input, depthwise, stride);
            return F.conv2d(d, pointwise, bias);
        }

        public string EmitOnnx(OnnxGraphBuilder graph, string input)
        {
            var d = graph.DepthwiseSame(input, depthwise, stride, "depthwise");
            return graph.Conv(d, graph.AddInitializer("pointwise", pointwise), graph.AddInitializer("bias", bias));
        }
    }
}

using Microsoft.ML.OnnxRuntime;
using MlNetFaces.Torch.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Tests;

/// <summary>Each emitter, run by ONNX Runtime, against the TorchSharp operation it stands for.</summary>
public class OnnxGraphBuilderTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["conv with bias, strides and pads"] = new([3, 9, 9], (g, x, r) =>
        {
            var w = r.Normal(4, 3, 3, 3);
            var b = r.Normal(4);
            return (g.Conv(x, g.AddInitializer("w", w), g.AddInitializer("b", b), [2, 2], [1, 1, 1, 1]), t => F.conv2d(t, w, b, strides: [2, 2], padding: [1, 1]));
        }),
        ["grouped dilated conv without bias"] = new([6, 9, 9], (g, x, r) =>
        {
            var w = r.Normal(6, 2, 3, 3);
            return (g.Conv(x, g.AddInitializer("w", w), null, group: 3, dilations: [2, 2]), t => F.conv2d(t, w, groups: 3, dilation: [2, 2]));
        }),
        ["Conv2d module, reflect padding"] = new([3, 8, 8], (g, x, r) =>
        {
            var conv = r.Init(nn.Conv2d(3, 4, 3, padding: 1, padding_mode: PaddingModes.Reflect));
            return (g.Conv(x, conv, "conv"), conv.forward);
        }),
        ["Conv2d module, 'same' padding"] = new([3, 8, 8], (g, x, r) =>
        {
            var conv = r.Init(nn.Conv2d(3, 4, 4, padding: Padding.Same, bias: false));
            return (g.Conv(x, conv, "conv"), conv.forward);
        }),
        ["Linear module"] = new([12], (g, x, r) =>
        {
            var linear = r.Init(nn.Linear(12, 5));
            return (g.Linear(x, linear, "fc"), linear.forward);
        }),
        ["activations and clip"] = new([3, 4, 4], (g, x, _) => (
            g.Concat([g.Relu(x), g.LeakyRelu(x, 0.2f), g.Sigmoid(x), g.Tanh(x), g.Clip(x, -0.5f, 0.5f), g.Clip(x, null, 0.1f), g.Identity(x)], 1),
            t => cat([t.relu(), F.leaky_relu(t, 0.2), t.sigmoid(), t.tanh(), t.clamp(-0.5, 0.5), t.clamp_max(0.1), t], 1))),
        ["broadcast arithmetic"] = new([3, 4, 4], (g, x, r) =>
        {
            var c = r.Normal(1, 3, 1, 1);
            var k = g.AddInitializer("c", c);
            return (g.Div(g.Mul(g.Sub(g.Add(x, k), k), x), g.AddInitializer("two", [2f])), t => (t + c - c) * t / 2);
        }),
        ["max and average pools with pads"] = new([3, 8, 8], (g, x, _) => (
            g.Concat([g.MaxPool(x, [3, 3], [2, 2], [1, 1, 1, 1]), g.AveragePool(x, [3, 3], [2, 2], [1, 1, 1, 1], countIncludePad: true), g.AveragePool(x, [2, 2], [2, 2])], 1),
            t => cat([F.max_pool2d(t, [3, 3], [2, 2], [1, 1]), F.avg_pool2d(t, [3, 3], [2, 2], [1, 1]), F.avg_pool2d(t, [2, 2], [2, 2])], 1))),
        ["pad modes"] = new([2, 5, 5], (g, x, _) => (
            g.Concat([g.Pad(x, [0, 0, 1, 2, 0, 0, 2, 1]), g.Pad(x, [0, 0, 1, 2, 0, 0, 2, 1], OnnxPadMode.Constant, 3), g.Pad(x, [0, 0, 1, 2, 0, 0, 2, 1], OnnxPadMode.Reflect), g.Pad(x, [0, 0, 1, 2, 0, 0, 2, 1], OnnxPadMode.Edge)], 1),
            t => cat([F.pad(t, [2, 1, 1, 2]), F.pad(t, [2, 1, 1, 2], value: 3), F.pad(t, [2, 1, 1, 2], PaddingModes.Reflect), F.pad(t, [2, 1, 1, 2], PaddingModes.Replicate)], 1))),
        ["channel pad and crop"] = new([2, 5, 5], (g, x, _) => (
            g.Pad(x, [0, 1, 0, 0, 0, 2, -1, -2]),
            t => F.pad(t, [0, -2, 0, -1, 1, 2]))),
        ["means"] = new([3, 4, 5], (g, x, _) => (
            g.Concat([g.ReduceMean(x, [2, 3], keepDims: true), g.GlobalAveragePool(x)], 1),
            t => cat([t.mean([2, 3], keepdim: true), t.mean([2, 3], keepdim: true)], 1))),
        ["flatten, matmul, reshape, gemm"] = new([3, 4, 4], (g, x, r) =>
        {
            var w = r.Normal(48, 5);
            var b = r.Normal(5, 48);
            var c = r.Normal(5);
            var flat = g.Flatten(x);
            var product = g.Reshape(g.MatMul(flat, g.AddInitializer("w", w)), [0, 5, -1]);
            var gemm = g.Reshape(g.Gemm(flat, g.AddInitializer("b", b), g.AddInitializer("c", c), transB: true, alpha: 0.5f, beta: 2), [-1, 5, 1]);
            return (g.Concat([product, gemm], 2), t =>
            {
                var f = t.flatten(1);
                return stack([f.matmul(w), (0.5 * f.matmul(b.t())) + (2 * c)], 2);
            });
        }),
        ["instance normalization"] = new([3, 6, 6], (g, x, r) =>
        {
            var scale = r.Normal(3);
            var bias = r.Normal(3);
            return (g.InstanceNormalization(x, g.AddInitializer("scale", scale), g.AddInitializer("bias", bias)), t =>
            {
                var (variance, mean) = var_mean(t, [2, 3], unbiased: false, keepdim: true);
                return ((t - mean) / (variance + 1e-5).sqrt() * scale.view(1, -1, 1, 1)) + bias.view(1, -1, 1, 1);
            });
        }),
        ["nearest resize ×2"] = new([3, 4, 5], (g, x, _) => (
            g.Resize(x, [1, 1, 2, 2]),
            t => F.interpolate(t, scale_factor: [2, 2], mode: InterpolationMode.Nearest))),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EmitterMatchesTorch(string name)
    {
        var testCase = Cases[name];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var random = new RandomTensors(name.Length);
        var graph = new OnnxGraphBuilder("test");
        var x = graph.AddInput("x", [-1, .. testCase.Shape]);
        var (y, expected) = testCase.Emit(graph, x, random);
        graph.AddOutput(y, "y");
        var input = random.Normal([2, .. testCase.Shape]);

        using var session = new InferenceSession(graph.ToBytes());
        var actual = OnnxRuntimeRunner.Run(session, input);
        var reference = expected(input);

        var inferred = graph.ShapeOf("y")!;
        Assert.Equal(reference.shape[1..], inferred[1..]);
        Assert.Equal(-1, inferred[0]);
        var diff = OnnxRuntimeRunner.MaxAbsDiff(actual, reference);
        output.WriteLine($"{name}: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-5, $"max abs diff {diff}");
    }

    [Fact]
    public void NamesAreScopedAndMadeUnique()
    {
        var graph = new OnnxGraphBuilder("names");
        var x = graph.AddInput("x", [1, 2]);
        using (graph.Scope("block"))
        {
            Assert.Equal("block/Relu", graph.Relu(x));
            Assert.Equal("block/Relu_1", graph.Relu(x));
            using (graph.Scope("inner"))
            {
                Assert.Equal("block/inner/k", graph.AddInitializer("k", [1f, 2f], 1, 2));
            }
        }

        Assert.Equal("Relu", graph.Relu(x));
        Assert.Throws<ArgumentException>(() => graph.AddInput("x", [1]));
        Assert.Throws<ArgumentException>(() => graph.Relu("missing"));
        Assert.Throws<ArgumentException>(() => graph.AddInitializer("bad", [1f, 2f, 3f], 2, 2));
        Assert.Throws<ArgumentException>(() => graph.Concat([x, graph.AddInitializer("wide", [1f, 2f, 3f], 1, 3)], 0));
        Assert.Throws<InvalidOperationException>(() => graph.AddOutput(graph.AddNode("Custom", [x], null), "y"));
    }

    private sealed record Case(long[] Shape, Func<OnnxGraphBuilder, string, RandomTensors, (string Output, Func<Tensor, Tensor> Expected)> Emit);

    /// <summary>Seeded tensors for one case, so that every run and every order of the cases sees the same numbers.</summary>
    private sealed class RandomTensors(int seed) : IDisposable
    {
        private readonly torch.Generator generator = new((ulong)seed);

        public Tensor Normal(params long[] shape) => randn(shape, generator: generator);

        public T Init<T>(T module)
            where T : nn.Module
        {
            foreach (var (_, parameter) in module.named_parameters())
            {
                parameter.copy_(Normal(parameter.shape));
            }

            return module;
        }

        public void Dispose() => generator.Dispose();
    }
}

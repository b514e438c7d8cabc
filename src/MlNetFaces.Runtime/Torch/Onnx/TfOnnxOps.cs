using static TorchSharp.torch;

namespace MlNetFaces.Torch.Onnx;

/// <summary>
/// <see cref="TfOps"/> in an ONNX graph: TF 'SAME' padding becomes the explicit (possibly asymmetric) pads of the
/// operator, computed from the input's static spatial size.
/// </summary>
internal static class TfOnnxOps
{
    /// <summary><see cref="TfOps.Conv2dSame"/>: weight OIHW (copied into the graph as <paramref name="name"/>).</summary>
    public static string ConvSame(this OnnxGraphBuilder graph, string x, Tensor weight, Tensor? bias, long stride, string name, long group = 1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = graph.Scope(name);
        var w = graph.AddInitializer("weight", weight);
        var b = bias is null ? null : graph.AddInitializer("bias", bias);
        return graph.Conv(x, w, b, [stride, stride], SamePads(graph, x, weight.shape[2], stride), group);
    }

    /// <summary><see cref="TfOps.DepthwiseSame"/>: weight [C,1,k,k].</summary>
    public static string DepthwiseSame(this OnnxGraphBuilder graph, string x, Tensor weight, long stride, string name)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return graph.ConvSame(x, weight, null, stride, name, group: weight.shape[0]);
    }

    /// <summary><see cref="TfOps.MaxPoolSame"/> (ONNX's max pool ignores padded cells).</summary>
    public static string MaxPoolSame(this OnnxGraphBuilder graph, string x, long kernel, long stride)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.MaxPool(x, [kernel, kernel], [stride, stride], SamePads(graph, x, kernel, stride));
    }

    /// <summary>TF 'SAME' pads in ONNX order {top, left, bottom, right}.</summary>
    private static long[] SamePads(OnnxGraphBuilder graph, string x, long kernel, long stride)
    {
        var shape = graph.ShapeOf(x);
        if (shape is not { Length: 4 } || shape[2] < 0 || shape[3] < 0)
        {
            throw new ArgumentException($"TF 'same' padding needs the static spatial size of '{x}'.", nameof(x));
        }

        var pad = TfOps.SamePadding(shape[2], shape[3], kernel, stride);
        return [pad[2], pad[0], pad[3], pad[1]];
    }
}

namespace MlNetFaces.Torch.Onnx;

/// <summary>Exports a network that implements <see cref="IOnnxExportable"/> as a single-input, single-output ONNX model.</summary>
public static class OnnxExport
{
    /// <summary>
    /// The serialized ONNX model of <paramref name="net"/>: a float input <paramref name="inputName"/> of
    /// <paramref name="inputShape"/> (-1 for the batch and any other dimension known only at run time) and a float
    /// output <paramref name="outputName"/> whose shape is inferred from the graph.
    /// </summary>
    public static byte[] Export(IOnnxExportable net, string inputName, IReadOnlyList<long> inputShape, string outputName)
    {
        ArgumentNullException.ThrowIfNull(net);
        var graph = new OnnxGraphBuilder(net.GetType().Name);
        var output = net.EmitOnnx(graph, graph.AddInput(inputName, inputShape));
        graph.AddOutput(output, outputName);
        return graph.ToBytes();
    }
}

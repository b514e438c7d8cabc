namespace MlNetFaces.Torch.Onnx;

/// <summary>A network (or a block of one) that can write its forward pass into an ONNX graph.</summary>
public interface IOnnxExportable
{
    /// <summary>
    /// Appends the nodes and initializers that compute this module's forward pass from the value
    /// <paramref name="input"/> to <paramref name="graph"/>, and returns the name of the result value.
    /// </summary>
    string EmitOnnx(OnnxGraphBuilder graph, string input);
}

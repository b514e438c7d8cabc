using MlNetFaces.Faces;
using MlNetFaces.Torch.Onnx;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Training;

/// <summary>
/// A trainable face-embedding net. Every such net takes the same input as the pretrained recognition net, aligned
/// face crops [N,3,150,150] RGB 0..255, so that crops are cached once and any net (of any internal resolution)
/// exports to ONNX with the same input; the output is [N,D], L2-normalised when <see cref="NormalizeOutput"/>.
/// </summary>
public abstract class EmbeddingNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>The side of the square input crop, in pixels (that of <see cref="FaceRecognitionNet"/>).</summary>
    public const int InputSize = FaceRecognitionNet.InputSize;

    /// <summary>The input of the exported ONNX model: float [N,3,150,150], RGB 0..255.</summary>
    public const string OnnxInputName = "image";

    /// <summary>The output of the exported ONNX model: float [N,D].</summary>
    public const string OnnxOutputName = "embedding";

    /// <summary>Checks and keeps the spec; the derived net builds its layers.</summary>
    /// <param name="name">The TorchSharp module name.</param>
    /// <param name="spec">What rebuilds the net; its embedding dimension must be at least 2.</param>
    protected EmbeddingNetwork(string name, EmbeddingNetworkSpec spec)
        : base(name)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.EmbeddingDimension, 2);
    }

    /// <summary>What rebuilds this net (kind, sizes, normalisation); stored beside checkpoints.</summary>
    public EmbeddingNetworkSpec Spec { get; }

    /// <summary>D, the length of an embedding.</summary>
    public int EmbeddingDimension => Spec.EmbeddingDimension;

    /// <summary>Whether <see cref="forward"/> L2-normalises the embeddings (the spec's <see cref="EmbeddingNetworkSpec.Normalize"/>).</summary>
    public bool NormalizeOutput => Spec.Normalize;

    /// <summary>The embeddings before L2 normalisation [N,D].</summary>
    public abstract Tensor Raw(Tensor input);

    /// <summary>Embeds aligned crops: <see cref="Raw"/>, L2-normalised when <see cref="NormalizeOutput"/>.</summary>
    /// <param name="input">Crops [N,3,150,150], RGB 0..255.</param>
    /// <returns>Embeddings [N,D].</returns>
    public override Tensor forward(Tensor input)
    {
        var raw = Raw(input);
        if (!NormalizeOutput)
        {
            return raw;
        }

        using (raw)
        {
            return F.normalize(raw, p: 2, dim: 1);
        }
    }

    /// <summary>The net as an ONNX model: input <see cref="OnnxInputName"/> [N,3,150,150], output <see cref="OnnxOutputName"/> [N,D].</summary>
    public byte[] ExportOnnx() => OnnxExport.Export(this, OnnxInputName, [-1, 3, InputSize, InputSize], OnnxOutputName);

    /// <inheritdoc/>
    public string EmitOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var raw = EmitRaw(graph, input);
        return NormalizeOutput ? graph.L2Normalize(raw) : raw;
    }

    /// <summary>Writes the forward pass up to <see cref="Raw"/> into the graph (eval mode: batch norms folded).</summary>
    protected abstract string EmitRaw(OnnxGraphBuilder graph, string input);
}

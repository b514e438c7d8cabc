using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Training;

/// <summary>
/// A compact CNN for training from scratch: the 150-px crop resized to <see cref="EmbeddingNetworkSpec.ImageSize"/>,
/// scaled to about [−1, 1], four stages of conv–BN–ReLU (W, 2W, 4W, 8W channels) with 2×2 max pooling between them,
/// global average pooling and a linear projection to D.
/// </summary>
public sealed class CompactFaceCnn : EmbeddingNetwork
{
    private const int Stages = 4;
    private readonly ModuleList<ConvBnRelu> stages;
    private readonly Linear projection;

    /// <summary>A randomly initialised net of the given sizes.</summary>
    /// <param name="spec">Embedding dimension D, internal resolution (32 to 150 px), stage width W (at least 4) and normalisation.</param>
    public CompactFaceCnn(EmbeddingNetworkSpec spec)
        : base(nameof(CompactFaceCnn), spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ImageSize, 32);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.ImageSize, InputSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Width, 4);
        stages = new ModuleList<ConvBnRelu>();
        long channels = 3;
        for (var s = 0; s < Stages; s++)
        {
            var next = (long)spec.Width << s;
            stages.Add(new ConvBnRelu(channels, next));
            channels = next;
        }

        projection = nn.Linear(channels, spec.EmbeddingDimension);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Raw(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var h = input;
        if (Spec.ImageSize != InputSize)
        {
            h = F.interpolate(h, [Spec.ImageSize, Spec.ImageSize], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        h = (h - 127.5f) / 128f;
        for (var s = 0; s < Stages; s++)
        {
            h = stages[s].forward(h);
            if (s < Stages - 1)
            {
                h = F.max_pool2d(h, [2, 2], [2, 2]);
            }
        }

        return projection.forward(h.mean([2, 3])).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override string EmitRaw(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var h = input;
        if (Spec.ImageSize != InputSize)
        {
            h = graph.ResizeBilinear(h, Spec.ImageSize, Spec.ImageSize);
        }

        h = graph.Div(graph.Sub(h, graph.AddInitializer("offset", [127.5f])), graph.AddInitializer("scale", [128f]));
        for (var s = 0; s < Stages; s++)
        {
            using (graph.Scope($"stage{s}"))
            {
                h = stages[s].EmitOnnx(graph, h);
            }

            if (s < Stages - 1)
            {
                h = graph.MaxPool(h, [2, 2], [2, 2]);
            }
        }

        return graph.Linear(graph.ReduceMean(h, [2, 3], keepDims: false), projection, nameof(projection));
    }
}

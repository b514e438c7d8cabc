using MlNetFaces.Faces;
using MlNetFaces.Torch.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>
/// Fine-tuning: the pretrained dlib ResNet trunk (<see cref="FaceRecognitionNet.Features"/>, 256-D) with a new
/// projection head to D. The head starts from the pretrained projection when D = 128 (so the untrained net equals the
/// pretrained descriptor up to normalisation), else randomly. The trunk can be frozen (a stage that trains only the
/// head; the trunk then runs without gradients) and unfrozen later. The trunk must be a copy of its own: training changes
/// it, so it is never the shared instance of <see cref="FaceModels"/>.
/// </summary>
public sealed class PretrainedEmbeddingNet : EmbeddingNetwork
{
    private readonly FaceRecognitionNet trunk;
    private readonly Linear head;

    /// <summary>Puts a new head of <see cref="EmbeddingNetworkSpec.EmbeddingDimension"/> outputs on <paramref name="trunk"/>.</summary>
    /// <param name="trunk">A private copy of the pretrained recognition net; training changes its weights unless frozen.</param>
    /// <param name="spec">Embedding dimension D and normalisation; the resolution is the trunk's (150 px).</param>
    public PretrainedEmbeddingNet(FaceRecognitionNet trunk, EmbeddingNetworkSpec spec)
        : base(nameof(PretrainedEmbeddingNet), spec)
    {
        this.trunk = trunk ?? throw new ArgumentNullException(nameof(trunk));
        head = nn.Linear(FaceRecognitionNet.FeatureSize, spec.EmbeddingDimension, hasBias: false);
        if (spec.EmbeddingDimension == FaceRecognitionNet.DescriptorSize)
        {
            using var noGrad = no_grad();
            using var pretrained = trunk.ProjectionWeight();
            head.weight!.copy_(pretrained);
        }

        RegisterComponents();
    }

    /// <summary>Whether the trunk is frozen (no gradients, not updated).</summary>
    public bool TrunkFrozen { get; private set; }

    /// <summary>Freezes or unfreezes the trunk: when frozen its parameters take no gradients and it runs under no_grad.</summary>
    /// <param name="frozen">True to train only the head.</param>
    public void FreezeTrunk(bool frozen)
    {
        foreach (var p in trunk.parameters())
        {
            p.requires_grad = !frozen;
        }

        TrunkFrozen = frozen;
    }

    /// <summary>The trunk's parameters (e.g. for an optimiser group with a lower learning rate).</summary>
    public IEnumerable<Parameter> TrunkParameters() => trunk.parameters();

    /// <summary>The projection head's parameters.</summary>
    public IEnumerable<Parameter> HeadParameters() => head.parameters();

    /// <inheritdoc/>
    public override Tensor Raw(Tensor input)
    {
        if (!TrunkFrozen)
        {
            using var features = trunk.Features(input);
            return head.forward(features);
        }

        Tensor frozen;
        using (no_grad())
        {
            frozen = trunk.Features(input);
        }

        using (frozen)
        {
            return head.forward(frozen);
        }
    }

    /// <inheritdoc/>
    protected override string EmitRaw(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        string features;
        using (graph.Scope("trunk"))
        {
            features = trunk.EmitFeaturesOnnx(graph, input);
        }

        return graph.Linear(features, head, nameof(head));
    }
}

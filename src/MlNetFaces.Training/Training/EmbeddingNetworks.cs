using MlNetFaces.Faces;
using MlNetFaces.Models;

namespace MlNetFaces.Training;

/// <summary>Builds the net a <see cref="EmbeddingNetworkSpec"/> describes (random or pretrained initial weights).</summary>
public static class EmbeddingNetworks
{
    /// <summary>
    /// A new net. For <see cref="NetworkSource.Pretrained"/> the trunk is a trainable copy of the pretrained recognition
    /// net, read from the model store (fetched on first use), never the process-wide shared instance.
    /// </summary>
    public static EmbeddingNetwork Create(EmbeddingNetworkSpec spec, ModelStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Source == NetworkSource.Scratch)
        {
            return new CompactFaceCnn(spec);
        }

        store ??= new ModelStore();
        store.EnsureAvailable();
        return new PretrainedEmbeddingNet(FaceRecognitionNet.Load(store, RecognitionWeights.DlibFloat32), spec);
    }
}

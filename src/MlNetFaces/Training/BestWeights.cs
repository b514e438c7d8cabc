using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>A copy of a net's weights at its best validation score so far, to restore at the end of training.</summary>
internal sealed class BestWeights : IDisposable
{
    private Dictionary<string, Tensor>? weights;

    public EpochValidation? Best { get; private set; }

    /// <summary>Keeps the net's weights when <paramref name="score"/> beats the best AUC so far (ties keep the earlier epoch).</summary>
    public bool Offer(nn.Module net, EpochValidation score)
    {
        if (Best is { } best && score.Auc <= best.Auc)
        {
            return false;
        }

        Dispose();
        using var noGrad = no_grad();
        weights = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
        Best = score;
        return true;
    }

    /// <summary>Writes the kept weights back into the net.</summary>
    public void Restore(nn.Module net)
    {
        if (weights is null)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (var (name, tensor) in net.state_dict())
        {
            tensor.copy_(weights[name]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in weights?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }

        weights = null;
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.Torch;

/// <summary>Pretrained weights as module parameters.</summary>
internal static class FrozenParameter
{
    /// <summary>A parameter without gradient that outlives the caller's dispose scope (it takes over <paramref name="value"/>).</summary>
    public static Parameter Create(Tensor value)
    {
        var parameter = new Parameter(value, requires_grad: false);
        parameter.DetachFromDisposeScope();
        return parameter;
    }
}

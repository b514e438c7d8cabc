using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>The optimised signal [1, C, spatial...] (the caller disposes it) and how the optimisation went.</summary>
public sealed class SignalStyleResult : StyleRun, IDisposable
{
    public required Tensor Output { get; init; }

    public void Dispose() => Output.Dispose();
}

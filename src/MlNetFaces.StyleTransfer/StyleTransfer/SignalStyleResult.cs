using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>The optimised signal [1, C, spatial...] (the caller disposes it) and how the optimisation went.</summary>
public sealed class SignalStyleResult(Tensor output, int steps, double seconds, TimeSpan optimization, IReadOnlyList<StyleLosses> history, StyleLosses last)
    : StyleRun(steps, seconds, optimization, history, last), IDisposable
{
    /// <summary>The optimised signal [1, C, spatial...], in the units the optimisation worked in; the caller owns it.</summary>
    public Tensor Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Disposes <see cref="Output"/>.</summary>
    public void Dispose() => Output.Dispose();
}

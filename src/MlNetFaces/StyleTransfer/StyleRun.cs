namespace MlNetFaces.StyleTransfer;

/// <summary>How a Gatys-style optimisation went, whatever it optimised (image, spectrogram, volume).</summary>
public abstract class StyleRun
{
    public required int Steps { get; init; }

    /// <summary>Wall time of the whole run (preparation, targets, optimisation, output).</summary>
    public required double Seconds { get; init; }

    /// <summary>Optimisation time divided by the steps (one forward + backward pass each).</summary>
    public required double SecondsPerStep { get; init; }

    /// <summary>The losses of the initial signal.</summary>
    public required StyleLosses First { get; init; }

    /// <summary>The losses of the final signal.</summary>
    public required StyleLosses Last { get; init; }

    /// <summary>The losses evaluated at each step (index 0 = step 1 = <see cref="First"/>).</summary>
    public required IReadOnlyList<StyleLosses> History { get; init; }

    /// <summary>How many times the style cost fell: first / last (the "Gram distance drop").</summary>
    public double StyleLossDrop => Last.Style > 0 ? First.Style / Last.Style : double.PositiveInfinity;
}

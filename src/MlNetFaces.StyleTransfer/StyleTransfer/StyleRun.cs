namespace MlNetFaces.StyleTransfer;

/// <summary>How a Gatys-style optimisation went, whatever it optimised (image, spectrogram, volume).</summary>
public abstract class StyleRun
{
    /// <summary>A run of <paramref name="steps"/> steps whose optimisation took <paramref name="optimization"/> of <paramref name="seconds"/>.</summary>
    protected StyleRun(int steps, double seconds, TimeSpan optimization, IReadOnlyList<StyleLosses> history, StyleLosses last)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (history.Count == 0)
        {
            throw new ArgumentException("A run has the losses of at least one step.", nameof(history));
        }

        Steps = steps;
        Seconds = seconds;
        SecondsPerStep = optimization.TotalSeconds / steps;
        History = history;
        Last = last;
    }

    /// <summary>Optimisation steps taken.</summary>
    public int Steps { get; }

    /// <summary>Wall time of the whole run (preparation, targets, optimisation, output).</summary>
    public double Seconds { get; }

    /// <summary>Optimisation time divided by the steps (one forward + backward pass each).</summary>
    public double SecondsPerStep { get; }

    /// <summary>The losses of the initial signal.</summary>
    public StyleLosses First => History[0];

    /// <summary>The losses of the final signal.</summary>
    public StyleLosses Last { get; }

    /// <summary>The losses evaluated at each step (index 0 = step 1 = <see cref="First"/>).</summary>
    public IReadOnlyList<StyleLosses> History { get; }

    /// <summary>How many times the style cost fell: first / last (the "Gram distance drop").</summary>
    public double StyleLossDrop => Last.Style > 0 ? First.Style / Last.Style : double.PositiveInfinity;
}

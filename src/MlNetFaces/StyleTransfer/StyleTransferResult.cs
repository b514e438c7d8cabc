using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>The stylised image and how the optimisation went.</summary>
public sealed class StyleTransferResult
{
    public required RgbImage Image { get; init; }

    public required int Steps { get; init; }

    /// <summary>Wall time of the whole run (resizing, targets, optimisation, output).</summary>
    public required double Seconds { get; init; }

    /// <summary>Optimisation time divided by the steps (one forward + backward pass each).</summary>
    public required double SecondsPerStep { get; init; }

    /// <summary>The losses of the initial image.</summary>
    public required StyleLosses First { get; init; }

    /// <summary>The losses of the final image.</summary>
    public required StyleLosses Last { get; init; }

    /// <summary>The losses evaluated at each step (index 0 = step 1 = <see cref="First"/>).</summary>
    public required IReadOnlyList<StyleLosses> History { get; init; }
}

using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>The stylised image and how the optimisation went.</summary>
public sealed class StyleTransferResult(RgbImage image, int steps, double seconds, TimeSpan optimization, IReadOnlyList<StyleLosses> history, StyleLosses last)
    : StyleRun(steps, seconds, optimization, history, last)
{
    /// <summary>The stylised image, at the size the optimisation ran at.</summary>
    public RgbImage Image { get; } = image ?? throw new ArgumentNullException(nameof(image));
}

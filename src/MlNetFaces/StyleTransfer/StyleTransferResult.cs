using MlNetFaces.Imaging;

namespace MlNetFaces.StyleTransfer;

/// <summary>The stylised image and how the optimisation went.</summary>
public sealed class StyleTransferResult : StyleRun
{
    public required RgbImage Image { get; init; }
}

using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// SWAG activation smoothing (Wang et al., "Rethinking and Improving the Robustness of Image Style Transfer", CVPR 2021):
/// a softmax over the spatial positions of each channel, applied to the activations before the Gram and content
/// costs. ResNet activations are peaky and low-entropy, which makes raw-feature style transfer poor; the softmax
/// smooths them. The softmax alone makes every value ~1/M, so the costs would shrink by ~M² (Gram) to ~M⁴ (style) and
/// no α, β in the usual range could balance them; the result is therefore multiplied by M so that each channel
/// averages 1 (a constant per layer, which does not change what is matched).
/// </summary>
internal static class SwagSmoothing
{
    /// <summary><c>M · softmax(a / T)</c> over the flattened spatial axes of [N, C, spatial...].</summary>
    public static Tensor Apply(Tensor activations, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The SWAG temperature must be a positive number.");
        }

        var (channels, positions) = StyleCosts.ChannelsAndPositions(activations);
        using var scope = NewDisposeScope();
        var flat = activations.reshape(activations.shape[0], channels, positions);
        if (temperature != 1.0)
        {
            flat = flat / temperature;
        }

        var smoothed = flat.softmax(2).mul(positions);
        return smoothed.reshape(activations.shape).MoveToOuterDisposeScope();
    }
}

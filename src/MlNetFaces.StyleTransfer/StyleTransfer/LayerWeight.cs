namespace MlNetFaces.StyleTransfer;

/// <summary>A backbone layer by name with its weight (λ for style layers, a share of α for content layers).</summary>
public sealed record LayerWeight(string Layer, double Weight)
{
    /// <summary>Parses <c>name</c> or <c>name:weight</c> (weight 1 when absent).</summary>
    public static LayerWeight Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new LayerWeight(text.Trim(), 1.0);
        }

        var weight = text[(colon + 1)..].Trim();
        if (!double.TryParse(weight, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w))
        {
            throw new ArgumentException($"'{text}': the layer weight '{weight}' is not a number.", nameof(text));
        }

        return new LayerWeight(text[..colon].Trim(), w);
    }
}

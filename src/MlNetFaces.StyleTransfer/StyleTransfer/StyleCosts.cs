using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// The Gatys et al. costs, for feature maps of any dimensionality: activations are
/// [N, n_C, spatial...] (1-D for audio, 2-D for images, 3-D for volumes) and every spatial axis is flattened, so
/// "n_H·n_W" below is the number of positions M.
/// <list type="bullet">
/// <item><c>J_content = ½‖a(C) − a(G)‖²</c></item>
/// <item><c>G = A·Aᵀ</c> with <c>A</c> the n_C × M unrolled activations</item>
/// <item><c>J_style^l = 1/(2·M·n_C)² ‖G(S) − G(G)‖_F²</c>, <c>J_style = Σ_l λ_l J_style^l</c></item>
/// <item><c>J = α·J_content + β·J_style + w_TV·TV</c></item>
/// </list>
/// </summary>
public static class StyleCosts
{
    /// <summary>The Gram matrices [N, n_C, n_C] of activations [N, n_C, spatial...].</summary>
    public static Tensor Gram(Tensor activations)
    {
        var a = Unroll(activations);
        using var at = a.transpose(1, 2);
        using (a)
        {
            return a.bmm(at);
        }
    }

    /// <summary>
    /// Each channel of [N, n_C, spatial...] standardised over its positions (zero mean, unit variance), so that its Gram is
    /// M times the channels' correlation matrix: the standardised Gram Friedrich &amp; Menzel (2019) use for volumes, where
    /// raw Grams are dominated by a few high-variance channels and by the amount of background.
    /// </summary>
    public static Tensor Standardize(Tensor activations, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(activations);
        using var scope = NewDisposeScope();
        var a = Unroll(activations);
        var mean = a.mean([2], keepdim: true);
        var centred = a - mean;
        var std = (centred.square().mean([2], keepdim: true) + epsilon).sqrt();
        return (centred / std).reshape(activations.shape).MoveToOuterDisposeScope();
    }

    /// <summary><c>½‖a(C) − a(G)‖²</c>, summed over everything (batch included).</summary>
    public static Tensor Content(Tensor content, Tensor generated)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(generated);
        CheckSameShape(content, generated);
        using var diff = content - generated;
        using var squared = diff.square();
        using var sum = squared.sum();
        return sum.mul(0.5);
    }

    /// <summary>The normalisation of one style layer, <c>1/(2·M·n_C)²</c> (M = number of positions).</summary>
    public static double StyleNormalization(long channels, long positions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positions);
        var d = 2.0 * positions * channels;
        return 1.0 / (d * d);
    }

    /// <summary>
    /// <c>J_style^l = 1/(2·M·n_C)² ‖G(S) − G(G)‖_F²</c> for the target Gram <paramref name="styleGram"/> [N or 1, n_C, n_C]
    /// and the generated activations <paramref name="generated"/> [N, n_C, spatial...] (M and n_C are taken from these).
    /// When the style image had a different number of positions, pass its Gram through <see cref="RescaleGram"/> first.
    /// </summary>
    public static Tensor StyleLayer(Tensor styleGram, Tensor generated)
    {
        ArgumentNullException.ThrowIfNull(styleGram);
        ArgumentNullException.ThrowIfNull(generated);
        var (channels, positions) = ChannelsAndPositions(generated);
        if (styleGram.dim() != 3 || styleGram.shape[1] != channels || styleGram.shape[2] != channels)
        {
            throw new ArgumentException(
                $"The style Gram has shape [{string.Join(',', styleGram.shape)}]; expected [N,{channels},{channels}] for these activations.", nameof(styleGram));
        }

        using var g = Gram(generated);
        using var diff = styleGram - g;
        using var squared = diff.square();
        using var sum = squared.sum();
        return sum.mul(StyleNormalization(channels, positions));
    }

    /// <summary>
    /// A Gram computed on <paramref name="fromPositions"/> positions, rescaled to what it would be on
    /// <paramref name="toPositions"/> (Gram entries grow linearly with M); the identity when both are equal.
    /// </summary>
    public static Tensor RescaleGram(Tensor gram, long fromPositions, long toPositions)
    {
        ArgumentNullException.ThrowIfNull(gram);
        return fromPositions == toPositions ? gram.alias() : gram.mul((double)toPositions / fromPositions);
    }

    /// <summary><c>Σ_l λ_l J_style^l</c> over (target Gram, generated activations, λ) triples.</summary>
    public static Tensor Style(IEnumerable<(Tensor StyleGram, Tensor Generated, double Weight)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Tensor? total = null;
        foreach (var (gram, generated, weight) in layers)
        {
            using var layer = StyleLayer(gram, generated);
            using var weighted = layer.mul(weight);
            var next = total is null ? weighted.alias() : total.add(weighted);
            total?.Dispose();
            total = next;
        }

        return total ?? throw new ArgumentException("At least one style layer is needed.", nameof(layers));
    }

    /// <summary>Total variation: the sum over every spatial axis of squared differences of neighbours, for [N, C, spatial...].</summary>
    public static Tensor TotalVariation(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() < 3)
        {
            throw new ArgumentException($"Expected [N, C, spatial...], got [{string.Join(',', image.shape)}].", nameof(image));
        }

        using var scope = NewDisposeScope();
        var total = zeros([], dtype: image.dtype, device: image.device);
        for (var axis = 2; axis < image.dim(); axis++)
        {
            var n = image.shape[axis];
            if (n < 2)
            {
                continue;
            }

            var diff = image.narrow(axis, 1, n - 1) - image.narrow(axis, 0, n - 1);
            total = total + diff.square().sum();
        }

        return total.MoveToOuterDisposeScope();
    }

    /// <summary><c>J = α·J_content + β·J_style + w_TV·TV</c>.</summary>
    public static Tensor Total(double alpha, Tensor content, double beta, Tensor style, double tvWeight = 0, Tensor? tv = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(style);
        using var scope = NewDisposeScope();
        var j = (content * alpha) + (style * beta);
        if (tv is not null && tvWeight != 0)
        {
            j = j + (tv * tvWeight);
        }

        return j.MoveToOuterDisposeScope();
    }

    /// <summary>n_C and the number of positions M of activations [N, n_C, spatial...].</summary>
    public static (long Channels, long Positions) ChannelsAndPositions(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.dim() < 3)
        {
            throw new ArgumentException($"Expected activations [N, C, spatial...], got [{string.Join(',', activations.shape)}].", nameof(activations));
        }

        return (activations.shape[1], activations.shape.Skip(2).Aggregate(1L, (a, b) => a * b));
    }

    /// <summary>A = [N, n_C, M].</summary>
    private static Tensor Unroll(Tensor activations)
    {
        var (channels, positions) = ChannelsAndPositions(activations);
        return activations.reshape(activations.shape[0], channels, positions);
    }

    private static void CheckSameShape(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            throw new ArgumentException($"Shapes differ: [{string.Join(',', a.shape)}] vs [{string.Join(',', b.shape)}].");
        }
    }
}

using System.Diagnostics;
using MlNetFaces.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// Gatys-style transfer for signals of any dimensionality (audio spectrograms in 1-D, volumes in 3-D): the costs of
/// <see cref="StyleCosts"/> on the taps of an <see cref="ISignalFeatureNet"/>, minimised over the signal by
/// <see cref="StyleOptimization"/>, starting from the content. Images use <see cref="GatysStyleTransfer"/>, which adds
/// RGB preprocessing, several styles and colour preservation on the same costs and loop.
/// </summary>
public static class SignalStyleTransfer
{
    /// <summary>Stylises <paramref name="content"/> [1, C, spatial...] with the style of <paramref name="style"/> [1, C, spatial'...].</summary>
    public static SignalStyleResult Run(ISignalFeatureNet net, Tensor content, Tensor style, StyleOptimizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(options);
        if (content.dim() < 3 || style.dim() != content.dim() || content.shape[0] != 1 || style.shape[1] != content.shape[1])
        {
            throw new ArgumentException(
                $"Content [{string.Join(',', content.shape)}] and style [{string.Join(',', style.shape)}] must both be [1, C, spatial...] with the same C.");
        }

        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var (contentTargets, styleTargets) = Targets(net, content, style);
        var x = new Parameter(content.detach().clone().contiguous(), requires_grad: true);

        (Tensor Loss, StyleLosses Losses) Evaluate()
        {
            using var inner = NewDisposeScope();
            var taps = net.Extract(x);
            var jContent = zeros([], device: x.device);
            foreach (var (i, target) in contentTargets)
            {
                jContent = jContent + (StyleCosts.Content(target, taps[i]) * net.ContentWeights[i]);
            }

            var jStyle = StyleCosts.Style(styleTargets.Select(t => (t.Gram, GramInput(net, taps[t.Tap]), net.StyleWeights[t.Tap])));
            var tv = options.TotalVariationWeight > 0 ? StyleCosts.TotalVariation(x) : zeros([], device: x.device);
            var j = StyleCosts.Total(options.Alpha, jContent, options.Beta, jStyle, options.TotalVariationWeight, tv);
            var losses = new StyleLosses(jContent.item<float>(), jStyle.item<float>(), tv.item<float>(), j.item<float>());
            return (j.MoveToOuterDisposeScope(), losses);
        }

        var (history, optimizationTime) = StyleOptimization.Minimize(x, Evaluate, options, clock);
        var last = StyleOptimization.Final(Evaluate);
        var output = x.detach().clone().MoveToOuterDisposeScope();
        x.Dispose();
        return new SignalStyleResult(output, options.Steps, clock.Elapsed.TotalSeconds, optimizationTime, history, last);
    }

    /// <summary>The style cost of <paramref name="signal"/> against <paramref name="style"/> alone (λ-weighted, unscaled by β).</summary>
    public static double StyleDistance(ISignalFeatureNet net, Tensor signal, Tensor style)
    {
        ArgumentNullException.ThrowIfNull(net);
        using var scope = NewDisposeScope();
        var (_, styleTargets) = Targets(net, signal, style);
        using var quiet = FinalizerFreeRegion.Enter();
        using var noGrad = no_grad();
        var taps = net.Extract(signal);
        return StyleCosts.Style(styleTargets.Select(t => (t.Gram, GramInput(net, taps[t.Tap]), net.StyleWeights[t.Tap]))).item<float>();
    }

    /// <summary>The content activations per content tap, and the style Gram per style tap rescaled to the content's positions.</summary>
    private static (List<(int Tap, Tensor Target)> Content, List<(int Tap, Tensor Gram)> Style) Targets(ISignalFeatureNet net, Tensor content, Tensor style)
    {
        using var quiet = FinalizerFreeRegion.Enter();
        using var noGrad = no_grad();
        var contentTaps = net.Extract(content);
        var styleTaps = net.Extract(style);
        if (contentTaps.Count != net.ContentWeights.Count || contentTaps.Count != net.StyleWeights.Count)
        {
            throw new InvalidOperationException($"The feature net returned {contentTaps.Count} taps but has {net.ContentWeights.Count} content and {net.StyleWeights.Count} style weights.");
        }

        var contentTargets = Enumerable.Range(0, contentTaps.Count).Where(i => net.ContentWeights[i] > 0).Select(i => (i, contentTaps[i])).ToList();
        var styleTargets = Enumerable.Range(0, styleTaps.Count).Where(i => net.StyleWeights[i] > 0).Select(i =>
        {
            var positions = StyleCosts.ChannelsAndPositions(contentTaps[i]).Positions;
            var styleActivations = GramInput(net, styleTaps[i]);
            var gram = StyleCosts.RescaleGram(StyleCosts.Gram(styleActivations), StyleCosts.ChannelsAndPositions(styleActivations).Positions, positions);
            return (i, gram);
        }).ToList();
        return (contentTargets, styleTargets);
    }

    private static Tensor GramInput(ISignalFeatureNet net, Tensor activations) =>
        net.StandardizeGram ? StyleCosts.Standardize(activations) : activations;
}

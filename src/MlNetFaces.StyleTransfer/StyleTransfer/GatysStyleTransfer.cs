using System.Diagnostics;
using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// Neural style transfer by image optimisation (Gatys, Ecker, Bethge 2016) on a frozen backbone: start from the content
/// image (or noise, or the style), then minimise <c>J = α·J_content + β·J_style + w_TV·TV</c> (<see cref="StyleCosts"/>)
/// over the pixels with L-BFGS or Adam. Several style images blend their Gram matrices; colours can be preserved
/// (luminance-only transfer).
/// </summary>
public sealed class GatysStyleTransfer
{
    private readonly IStyleBackbone backbone;

    /// <summary>Creates a style transfer over <paramref name="backbone"/>, whose layers give the content and style features.</summary>
    /// <param name="backbone">The frozen feature extractor (for example VGG-19 or ResNet-18).</param>
    public GatysStyleTransfer(IStyleBackbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        this.backbone = backbone;
    }

    /// <summary>The frozen feature extractor this transfer optimises against.</summary>
    public IStyleBackbone Backbone => backbone;

    /// <summary>Stylises <paramref name="content"/> with one style image.</summary>
    public StyleTransferResult Run(RgbImage content, RgbImage style, StyleTransferOptions? options = null) =>
        Run(content, [style], options);

    /// <summary>Stylises <paramref name="content"/> with the (blended) style of <paramref name="styles"/>.</summary>
    public StyleTransferResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleTransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(styles);
        options ??= new StyleTransferOptions();
        options.Validate(styles.Count);
        var contentLayers = options.ContentLayers ?? backbone.DefaultContentLayers;
        var styleLayers = options.StyleLayers ?? backbone.DefaultStyleLayers;
        var names = contentLayers.Concat(styleLayers).Select(l => l.Layer).Concat(options.SmoothedLayers ?? []);
        foreach (var name in names.Where(n => !backbone.LayerNames.Contains(n)))
        {
            throw new ArgumentException($"Unknown {backbone.Name} layer '{name}'. Known layers: {string.Join(", ", backbone.LayerNames)}.");
        }

        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        var smoothed = (options.Smoothing ?? backbone.SmoothsByDefault)
            ? new HashSet<string>(options.SmoothedLayers ?? backbone.DefaultSmoothedLayers, StringComparer.Ordinal)
            : [];
        var device = backbone.Device;
        var blend = Normalised(options.StyleBlend ?? Enumerable.Repeat(1.0, styles.Count).ToList());
        var allLayers = contentLayers.Select(l => l.Layer).Concat(styleLayers.Select(l => l.Layer)).Distinct().ToList();

        using var scope = NewDisposeScope();
        var contentImage = ImageResizer.FitLongestSide(content, options.Size);
        var contentRgb = contentImage.ToTensor(device);
        var styleSide = Math.Max(16, (int)Math.Round(options.Size * options.StyleScale));
        var styleRgbs = styles.Select(s => ImageResizer.FitLongestSide(s, styleSide).ToTensor(device)).ToList();
        if (options.PreserveColors)
        {
            contentRgb = YiqColor.LuminanceAsRgb(contentRgb);
            styleRgbs = styleRgbs.Select(s => YiqColor.MatchLuminance(s, contentRgb)).ToList();
        }

        Tensor Smooth(string layer, Tensor t) => smoothed.Contains(layer) ? SwagSmoothing.Apply(t, options.SmoothingTemperature) : t;
        var (contentTargets, styleTargets) = Targets(contentRgb, styleRgbs, blend, contentLayers, styleLayers, allLayers, Smooth);
        var x = new Parameter(Initial(contentRgb, styleRgbs[0], options), requires_grad: true);

        (Tensor Loss, StyleLosses Losses) Evaluate()
        {
            using var inner = NewDisposeScope();
            var features = backbone.Extract(x, allLayers);
            var activations = features.ToDictionary(kv => kv.Key, kv => Smooth(kv.Key, kv.Value));
            var jContent = zeros([], device: device);
            foreach (var (layer, weight) in contentLayers)
            {
                jContent = jContent + (StyleCosts.Content(contentTargets[layer], activations[layer]) * weight);
            }

            var jStyle = StyleCosts.Style(styleLayers.Select(l => (styleTargets[l.Layer], activations[l.Layer], l.Weight)));
            var tv = options.TotalVariationWeight > 0 ? StyleCosts.TotalVariation(x) : zeros([], device: device);
            var j = StyleCosts.Total(options.Alpha, jContent, options.Beta, jStyle, options.TotalVariationWeight, tv);
            var losses = new StyleLosses(jContent.item<float>(), jStyle.item<float>(), tv.item<float>(), j.item<float>());
            return (j.MoveToOuterDisposeScope(), losses);
        }

        var (history, optimizationTime) = StyleOptimization.Minimize(x, Evaluate, options, clock, step =>
        {
            if (options.SnapshotEvery > 0 && step % options.SnapshotEvery == 0 && options.Snapshot is { } snapshot)
            {
                snapshot(step, Output(x, contentImage, options.PreserveColors, device));
            }
        });
        var last = StyleOptimization.Final(Evaluate);
        var image = Output(x, contentImage, options.PreserveColors, device);
        x.Dispose();
        return new StyleTransferResult(image, options.Steps, clock.Elapsed.TotalSeconds, optimizationTime, history, last);
    }

    /// <summary>Content activations (smoothed when on) per content layer, and the blended, rescaled style Gram per style layer.</summary>
    private (Dictionary<string, Tensor> Content, Dictionary<string, Tensor> Style) Targets(
        Tensor contentRgb,
        List<Tensor> styleRgbs,
        double[] blend,
        IReadOnlyList<LayerWeight> contentLayers,
        IReadOnlyList<LayerWeight> styleLayers,
        List<string> allLayers,
        Func<string, Tensor, Tensor> smooth)
    {
        using var quiet = FinalizerFreeRegion.Enter();
        using var noGrad = no_grad();
        var contentFeatures = backbone.Extract(contentRgb, allLayers);
        var content = contentLayers.Select(l => l.Layer).Distinct().ToDictionary(l => l, l => smooth(l, contentFeatures[l]));
        var positions = styleLayers.Select(l => l.Layer).Distinct().ToDictionary(l => l, l => StyleCosts.ChannelsAndPositions(contentFeatures[l]).Positions);
        var style = new Dictionary<string, Tensor>();
        for (var k = 0; k < styleRgbs.Count; k++)
        {
            var features = backbone.Extract(styleRgbs[k], positions.Keys.ToList());
            foreach (var (layer, targetPositions) in positions)
            {
                var activations = smooth(layer, features[layer]);
                var gram = StyleCosts.RescaleGram(StyleCosts.Gram(activations), StyleCosts.ChannelsAndPositions(activations).Positions, targetPositions) * blend[k];
                style[layer] = style.TryGetValue(layer, out var sum) ? sum + gram : gram;
            }
        }

        return (content, style);
    }

    private static Tensor Initial(Tensor contentRgb, Tensor firstStyle, StyleTransferOptions options)
    {
        switch (options.Init)
        {
            case StyleInit.Noise:
                using (var generator = new Generator((ulong)options.Seed, contentRgb.device))
                {
                    return rand(contentRgb.shape, generator: generator, device: contentRgb.device).mul_(255);
                }

            case StyleInit.Style:
                return F.interpolate(firstStyle, [contentRgb.shape[2], contentRgb.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);

            default:
                return contentRgb.clone();
        }
    }

    /// <summary>The current pixels as an image; with colour preservation, its luminance on the content's chroma.</summary>
    private static RgbImage Output(Tensor x, RgbImage contentImage, bool preserveColors, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rgb = x.detach();
        if (preserveColors)
        {
            rgb = YiqColor.CombineLuminance(rgb, contentImage.ToTensor(device));
        }

        return StyleImageTensors.ToImage(rgb);
    }

    private static double[] Normalised(IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }
}

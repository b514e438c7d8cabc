using System.Diagnostics;
using MlNetFaces.Imaging;
using MlNetFaces.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer.Fast;

/// <summary>
/// Trains a <see cref="FastStyleNet"/> for one style image on a set of content images (Johnson et al. 2016): each Adam
/// step stylises a batch of random crops and minimises the perceptual costs of the Gatys optimisation
/// (<see cref="StyleCosts"/>: content at the backbone's content layers against the crop itself, style Grams against the
/// style image's, plus total variation) through the frozen backbone.
/// </summary>
internal sealed class FastStyleTrainer
{
    private readonly IStyleBackbone backbone;

    public FastStyleTrainer(IStyleBackbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        this.backbone = backbone;
    }

    /// <summary>Trains a new network; <see cref="FastStyleTraining.History"/> has the losses of every iteration.</summary>
    public FastStyleTraining Train(IReadOnlyList<RgbImage> contents, RgbImage style, FastStyleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(style);
        options ??= new FastStyleOptions();
        options.Validate();
        if (contents.Count == 0)
        {
            throw new ArgumentException("At least one content image is needed to train a style network.", nameof(contents));
        }

        var contentLayers = options.ContentLayers ?? backbone.DefaultContentLayers;
        var styleLayers = options.StyleLayers ?? backbone.DefaultStyleLayers;
        foreach (var name in contentLayers.Concat(styleLayers).Select(l => l.Layer).Where(n => !backbone.LayerNames.Contains(n)))
        {
            throw new ArgumentException($"Unknown {backbone.Name} layer '{name}'. Known layers: {string.Join(", ", backbone.LayerNames)}.");
        }

        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        var device = backbone.Device;
        manual_seed(options.Seed);
        var random = new Random(options.Seed);
        var net = new FastStyleNet(options.Width, options.ResidualBlocks);
        net.to(device);
        var allLayers = contentLayers.Concat(styleLayers).Select(l => l.Layer).Distinct().ToList();

        // The style's Gram matrices, rescaled to the number of positions of a training crop.
        var styleGrams = new Dictionary<string, Tensor>();
        using (no_grad())
        using (var styleScope = NewDisposeScope())
        {
            var styleRgb = ImageResizer.FitLongestSide(style, options.StyleSize).ToTensor(device);
            var probe = zeros([1, 3, options.CropSize, options.CropSize], device: device);
            var styleFeatures = backbone.Extract(styleRgb, styleLayers.Select(l => l.Layer).Distinct().ToList());
            var cropFeatures = backbone.Extract(probe, styleLayers.Select(l => l.Layer).Distinct().ToList());
            foreach (var (layer, features) in styleFeatures)
            {
                var gram = StyleCosts.RescaleGram(
                    StyleCosts.Gram(features),
                    StyleCosts.ChannelsAndPositions(features).Positions,
                    StyleCosts.ChannelsAndPositions(cropFeatures[layer]).Positions);
                styleGrams[layer] = gram.DetachFromDisposeScope();
            }
        }

        var history = new List<StyleLosses>(options.Iterations);

        try
        {
            using var optimizer = optim.Adam(net.parameters(), lr: options.LearningRate);
            net.train();
            for (var step = 1; step <= options.Iterations; step++)
            {
                using var quiet = FinalizerFreeRegion.Enter();
                using var scope = NewDisposeScope();
                var batch = cat(Enumerable.Range(0, options.BatchSize).Select(_ => RandomCrop(contents[random.Next(contents.Count)], options.CropSize, random)).ToList(), 0).to(device);
                Dictionary<string, Tensor> contentTargets;
                using (no_grad())
                {
                    contentTargets = backbone.Extract(batch, contentLayers.Select(l => l.Layer).Distinct().ToList());
                }

                optimizer.zero_grad();
                var stylized = net.forward(batch);
                var features = backbone.Extract(stylized, allLayers);
                var jContent = zeros([], device: device);
                foreach (var (layer, weight) in contentLayers)
                {
                    jContent = jContent + (StyleCosts.Content(contentTargets[layer], features[layer]) * weight);
                }

                var jStyle = StyleCosts.Style(styleLayers.Select(l => (styleGrams[l.Layer], features[l.Layer], l.Weight)));
                var tv = options.TotalVariationWeight > 0 ? StyleCosts.TotalVariation(stylized) : zeros([], device: device);
                var j = StyleCosts.Total(options.Alpha, jContent, options.Beta, jStyle, options.TotalVariationWeight, tv);
                j.backward();
                optimizer.step();
                var losses = new StyleLosses(jContent.item<float>() / options.BatchSize, jStyle.item<float>() / options.BatchSize, tv.item<float>() / options.BatchSize, j.item<float>() / options.BatchSize);
                if (!double.IsFinite(losses.Total))
                {
                    throw new InvalidOperationException($"Training diverged at iteration {step} (loss {losses.Total}); lower the learning rate or β.");
                }

                history.Add(losses);
                options.Progress?.Invoke(new StyleProgress(step, options.Iterations, losses, clock.Elapsed));
            }
        }
        finally
        {
            foreach (var gram in styleGrams.Values)
            {
                gram.Dispose();
            }
        }

        net.eval();
        return new FastStyleTraining(net, history, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A random square crop of <paramref name="size"/> from the image scaled so its shorter side is 1–1.25× that, randomly mirrored.</summary>
    private static Tensor RandomCrop(RgbImage image, int size, Random random)
    {
        var shorter = (int)(size * (1 + (0.25 * random.NextDouble())));
        var scale = (double)shorter / Math.Min(image.Width, image.Height);
        var scaled = ImageResizer.Resize(image, Math.Max(size, (int)Math.Round(image.Width * scale)), Math.Max(size, (int)Math.Round(image.Height * scale)));
        var crop = scaled.Crop(random.Next(scaled.Width - size + 1), random.Next(scaled.Height - size + 1), size, size);
        var rgb = crop.ToTensor();
        return random.Next(2) == 0 ? rgb : rgb.flip(3);
    }
}

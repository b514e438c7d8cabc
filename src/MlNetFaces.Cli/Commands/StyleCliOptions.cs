using System.CommandLine;
using System.Globalization;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The Gatys options shared by <c>style image</c> and <c>style grid</c>, the backbone they choose, and the parsing and
/// wording every style command shares.
/// </summary>
internal sealed class StyleCliOptions
{
    private readonly Option<int> size = new("--size") { Description = "Longest side of the output in pixels.", DefaultValueFactory = _ => 512 };
    private readonly Option<int> steps = new("--steps") { Description = "Optimisation steps (one forward + backward pass each).", DefaultValueFactory = _ => 300 };
    private readonly Option<double> alpha = new("--alpha") { Description = "Content weight α.", DefaultValueFactory = _ => StyleTransferOptions.DefaultAlpha };
    private readonly Option<double> beta = new("--beta") { Description = "Style weight β.", DefaultValueFactory = _ => StyleTransferOptions.DefaultBeta };
    private readonly Option<double> tv = new("--tv") { Description = "Total-variation weight (0: off).", DefaultValueFactory = _ => StyleTransferOptions.DefaultTotalVariationWeight };
    private readonly Option<string> optimizer = OptimizerOption();
    private readonly Option<double?> learningRate = LearningRateOption();
    private readonly Option<bool> preserveColors = new("--preserve-colors") { Description = "Transfer the style to the luminance only; keep the content's colours." };
    private readonly Option<string> init = new("--init") { Description = "Start from content (default), noise or style.", DefaultValueFactory = _ => "content" };
    private readonly Option<double> styleScale = new("--style-scale") { Description = "Style images are resized to size × this.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> seed = new("--seed") { Description = "Seed of the noise initialisation.", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> contentLayers = new("--content-layers") { Description = "Comma-separated layer[:weight] list (default: the backbone's)." };
    private readonly Option<string?> styleLayers = new("--style-layers") { Description = "Comma-separated layer[:λ] list (default: the backbone's)." };
    private readonly Option<string> smoothing = new("--smoothing") { Description = "SWAG activation smoothing: auto (off for ResNet18 and VGG-19), on or off.", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> smoothedLayers = new("--smoothed-layers") { Description = "Comma-separated layers SWAG smoothing applies to (default: layer3/layer4 for ResNet)." };
    private readonly Option<double> temperature = new("--temperature") { Description = "SWAG softmax temperature.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<string?> vgg19 = new("--vgg19") { Description = "Use VGG-19 with this TorchSharp .dat (torchvision layout) instead of the bundled ResNet18." };
    private readonly Option<string> vggInput = new("--vgg-input") { Description = "Normalisation the VGG weights expect: torchvision or caffe.", DefaultValueFactory = _ => "torchvision" };
    private readonly Option<string> device = CommonOptions.Device();

    /// <summary>Every option above, to add to a command.</summary>
    public IEnumerable<Option> All =>
        [size, steps, alpha, beta, tv, optimizer, learningRate, preserveColors, init, styleScale, seed, contentLayers, styleLayers, smoothing, smoothedLayers, temperature, vgg19, vggInput, device];

    /// <summary>The <c>--steps</c> given.</summary>
    public int Steps(ParseResult parse) => parse.GetValue(steps);

    /// <summary>The <c>--vgg19</c> weights file, an input of the run, or null.</summary>
    public string? Vgg19Path(ParseResult parse) => parse.GetValue(vgg19);

    /// <summary>The library options from the parsed command line; bad values are <see cref="UsageException"/>s.</summary>
    public StyleTransferOptions Read(ParseResult parse, IReadOnlyList<double>? blend, Action<StyleProgress>? progress, int snapshotEvery = 0, Action<int, MlNetFaces.Imaging.RgbImage>? snapshot = null) => new()
    {
        Size = parse.GetValue(size),
        Steps = parse.GetValue(steps),
        Alpha = parse.GetValue(alpha),
        Beta = parse.GetValue(beta),
        TotalVariationWeight = parse.GetValue(tv),
        Optimizer = ParseOptimizer(parse.GetValue(optimizer)),
        LearningRate = parse.GetValue(learningRate),
        PreserveColors = parse.GetValue(preserveColors),
        Init = parse.GetValue(init)!.ToLowerInvariant() switch
        {
            "content" => StyleInit.Content,
            "noise" => StyleInit.Noise,
            "style" => StyleInit.Style,
            var other => throw new UsageException($"Unknown --init '{other}': use content, noise or style."),
        },
        StyleScale = parse.GetValue(styleScale),
        Seed = parse.GetValue(seed),
        ContentLayers = Layers(parse.GetValue(contentLayers)),
        StyleLayers = Layers(parse.GetValue(styleLayers)),
        Smoothing = parse.GetValue(smoothing)!.ToLowerInvariant() switch
        {
            "auto" => null,
            "on" => true,
            "off" => false,
            var other => throw new UsageException($"Unknown --smoothing '{other}': use auto, on or off."),
        },
        SmoothedLayers = parse.GetValue(smoothedLayers) is { Length: > 0 } sm ? sm.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
        SmoothingTemperature = parse.GetValue(temperature),
        StyleBlend = blend,
        Progress = progress,
        SnapshotEvery = snapshotEvery,
        Snapshot = snapshot,
    };

    /// <summary>The VGG-19 of <c>--vgg19</c>, else the pretrained ResNet18.</summary>
    public IStyleBackbone Backbone(ParseResult parse)
    {
        var dev = TorchRuntime.ParseDevice(parse.GetValue(device));
        if (parse.GetValue(vgg19) is { } path)
        {
            var input = parse.GetValue(vggInput)!.ToLowerInvariant() switch
            {
                "torchvision" => VggInput.Torchvision,
                "caffe" => VggInput.Caffe,
                var other => throw new UsageException($"Unknown --vgg-input '{other}': use torchvision or caffe."),
            };
            try
            {
                return Vgg19Backbone.Load(path, input, dev);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException(ex.Message, ex);
            }
        }

        return ResNet18Backbone.Load(dev);
    }

    /// <summary><c>--optimizer lbfgs|adam</c>, shared by every style command.</summary>
    public static Option<string> OptimizerOption(string defaultValue = "lbfgs") =>
        new("--optimizer") { Description = $"lbfgs or adam (default {defaultValue}).", DefaultValueFactory = _ => defaultValue };

    /// <summary><c>--lr</c>, shared by every style command.</summary>
    public static Option<double?> LearningRateOption(string defaults = "1 for L-BFGS, 4 for Adam") =>
        new("--lr") { Description = $"Step size (default: {defaults})." };

    /// <summary>The optimiser named by <paramref name="text"/> (lbfgs, l-bfgs, adam); another name is a <see cref="UsageException"/>.</summary>
    public static StyleOptimizer ParseOptimizer(string? text) => text?.ToLowerInvariant() switch
    {
        "lbfgs" or "l-bfgs" => StyleOptimizer.Lbfgs,
        "adam" => StyleOptimizer.Adam,
        var other => throw new UsageException($"Unknown optimizer '{other}': use lbfgs or adam."),
    };

    /// <summary>The option of each library setting a <see cref="StyleLimitException"/> can name.</summary>
    private static readonly Dictionary<string, string> SettingOptions = new(StringComparer.Ordinal)
    {
        [nameof(StyleOptimizationOptions.Steps)] = "--steps",
        [nameof(StyleTransferOptions.Size)] = "--size",
        [nameof(StyleTransferOptions.StyleScale)] = "--size × --style-scale",
        [nameof(MlNetFaces.Audio.AudioStyleOptions.SampleRate)] = "--sample-rate",
        [nameof(MlNetFaces.Audio.AudioStyleOptions.Seconds)] = "--seconds",
        [nameof(MlNetFaces.Volumes.VolumeStyleOptions.MaxVoxels)] = "--max-voxels",
    };

    /// <summary>
    /// The library's plain limit message in the command line's words: the option that sets it is named at the end,
    /// e.g. "… over the limit of 100,000 steps (--steps)."; exit code 2.
    /// </summary>
    public static UsageException Worded(StyleLimitException limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!SettingOptions.TryGetValue(limit.Setting, out var option))
        {
            return new UsageException(limit.Message, limit);
        }

        var message = limit.Message.TrimEnd();
        return new UsageException(message.EndsWith('.') ? $"{message[..^1]} ({option})." : $"{message} ({option})", limit);
    }

    /// <summary>Parses <c>0.7,0.3</c>.</summary>
    public static List<double>? ParseNumbers(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Split(',', StringSplitOptions.TrimEntries).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UsageException($"{option}: '{t}' is not a number.")).ToList();
    }

    private static List<LayerWeight>? Layers(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(LayerWeight.Parse).ToList();
}

using System.Reflection;
using System.Text.Json;
using MlNetFaces.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// The ImageNet ResNet18 of NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> (a CNTK export truncated at the
/// global pool) as a torchvision-style module: <c>conv1, bn1, layer1..layer4</c> with <b>[2,2,2,3]</b> BasicBlocks (its
/// layer4 has a third block), no <c>fc</c>. Weights come from the ONNX initializers through the torchvision name
/// mapping (<c>ResNet18TorchvisionNames.json</c>). Input: BGR 0..255 minus the ImageNet mean, either the per-pixel
/// mean image of <c>ResNetPreprocess.onnx</c> (<see cref="ResNetMean.Image"/>, resized when the input is not 224×224)
/// or its per-channel averages (<see cref="ResNetMean.PerChannel"/>, the default for style transfer).
/// Taps: <c>relu</c> (after conv1/bn1), <c>maxpool</c>, <c>layerL.B</c> (each block's output) and <c>layer1..layer4</c>
/// (each stage's last block).
/// </summary>
public sealed class ResNet18Backbone : nn.Module<Tensor, Tensor>, IStyleBackbone
{
    /// <summary>Blocks per stage of this ResNet18 (torchvision's has [2,2,2,2]).</summary>
    public static readonly IReadOnlyList<int> BlocksPerLayer = [2, 2, 2, 3];

    /// <summary>Per-channel means (B, G, R) of the mean image, used when <c>ResNetPreprocess.onnx</c> is absent.</summary>
    public static readonly IReadOnlyList<float> FallbackMeanBgr = [103.0626f, 115.9029f, 123.1516f];

    private static readonly string[] Stages = ["layer1", "layer2", "layer3", "layer4"];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly Tensor mean_bgr;
    private readonly Tensor? mean_image;
    private readonly List<string> layerNames;

    private ResNet18Backbone(Tensor meanImage)
        : base("resnet18")
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        layer1 = Stage(64, 64, BlocksPerLayer[0], 1);
        layer2 = Stage(64, 128, BlocksPerLayer[1], 2);
        layer3 = Stage(128, 256, BlocksPerLayer[2], 2);
        layer4 = Stage(256, 512, BlocksPerLayer[3], 2);
        mean_image = meanImage;
        mean_bgr = meanImage.mean([0, 2, 3], keepdim: true).DetachFromDisposeScope();
        layerNames = ["relu", "maxpool"];
        for (var s = 0; s < Stages.Length; s++)
        {
            for (var b = 0; b < BlocksPerLayer[s]; b++)
            {
                layerNames.Add($"{Stages[s]}.{b}");
            }

            layerNames.Add(Stages[s]);
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public string Name => "resnet18";

    /// <inheritdoc/>
    public IReadOnlyList<string> LayerNames => layerNames;

    /// <summary>Content: <c>layer3</c> (stride 16, like VGG's conv4_2).</summary>
    public IReadOnlyList<LayerWeight> DefaultContentLayers { get; } = [new("layer3", 1.0)];

    /// <summary>
    /// Style: <c>relu, layer1, layer2, layer3</c> (strides 2 to 16, like VGG's conv1_1…conv4_1), λ = 1/4 each. layer4
    /// (stride 32) is left out: its style cost was ten times the others' and dominated, and it costs a quarter of the compute.
    /// </summary>
    public IReadOnlyList<LayerWeight> DefaultStyleLayers { get; } =
        [new("relu", 0.25), new("layer1", 0.25), new("layer2", 0.25), new("layer3", 0.25)];

    /// <summary>
    /// Off: measured here, SWAG smoothing did not help this ResNet (see <see cref="DefaultSmoothedLayers"/>); with raw
    /// activations (α = 1, β = 1e5) the style loss fell 29× in 100 L-BFGS steps at 384 px on cat × Starry Night.
    /// </summary>
    public bool SmoothsByDefault => false;

    /// <summary>
    /// The stride-16 and stride-32 taps (<c>layer3*</c>, <c>layer4*</c>): the peaky, low-entropy activations SWAG is about.
    /// Smoothing every layer at T = 1 made L-BFGS diverge (style loss ×80 at 128 px), at T = 2–4 it converged but left
    /// the image almost unstyled, and at T = 16 the costs vanished; smoothing only these deep layers (the SWAG authors'
    /// own suggestion) converged at 128 px but barely moved the style loss at 384 px (×1.3 in 100 steps at β = 1e5, ×3.3 in
    /// 150 steps at β = 1e6, against ×118 without smoothing) and left a speckled, hardly stylised image.
    /// </summary>
    public IReadOnlyList<string> DefaultSmoothedLayers => layerNames.Where(n => n.StartsWith("layer3", StringComparison.Ordinal) || n.StartsWith("layer4", StringComparison.Ordinal)).ToList();

    /// <summary>Which mean <see cref="Preprocess"/> subtracts.</summary>
    public ResNetMean Mean { get; set; } = ResNetMean.PerChannel;

    /// <inheritdoc/>
    public Device Device => conv1.weight!.device;

    /// <summary>The ONNX initializer name of each torchvision-style parameter and buffer (110 entries).</summary>
    public static IReadOnlyDictionary<string, string> OnnxNames { get; } = LoadNames();

    /// <summary>Loads the pretrained net from the NuGet package's ONNX (see <see cref="ResNet18Files"/>).</summary>
    public static ResNet18Backbone Load(Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        var weights = OnnxInitializers.Load(ResNet18Files.ModelPath());
        var preprocess = ResNet18Files.PreprocessPath() is { } p ? OnnxInitializers.Load(p) : null;
        return FromInitializers(weights, preprocess, device);
    }

    /// <summary>Builds the net from ONNX initializers; <paramref name="preprocess"/> supplies the mean image (null: per-channel constants).</summary>
    internal static ResNet18Backbone FromInitializers(OnnxInitializers weights, OnnxInitializers? preprocess, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ResNet18Backbone net;
        using (NewDisposeScope())
        {
            var meanImage = MeanImage(preprocess);
            net = new ResNet18Backbone(meanImage.DetachFromDisposeScope());
            var state = net.state_dict();
            using (no_grad())
            {
                foreach (var (name, onnx) in OnnxNames)
                {
                    if (!state.TryGetValue(name, out var target))
                    {
                        throw new InvalidDataException($"The ResNet18 module has no '{name}'.");
                    }

                    using var value = weights.Tensor(onnx);
                    if (!value.shape.SequenceEqual(target.shape))
                    {
                        throw new InvalidDataException(
                            $"ResNet18 weight {name} ({onnx}) has shape [{string.Join(',', value.shape)}], expected [{string.Join(',', target.shape)}].");
                    }

                    target.copy_(value);
                }
            }

            var missing = state.Keys.Where(k => !OnnxNames.ContainsKey(k) && !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)
                && k is not ("mean_bgr" or "mean_image")).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException("No ONNX initializer for: " + string.Join(", ", missing));
            }
        }

        foreach (var parameter in net.parameters())
        {
            parameter.requires_grad = false;
        }

        net.eval();
        if (device is not null && device.type != DeviceType.CPU)
        {
            net.to(device);
        }

        return net;
    }

    /// <summary>RGB 0..255 [N,3,H,W] → BGR minus the mean (see <see cref="Mean"/>).</summary>
    public Tensor Preprocess(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = NewDisposeScope();
        var bgr = rgb.flip(1);
        Tensor mean = mean_bgr;
        if (Mean == ResNetMean.Image && mean_image is not null)
        {
            mean = mean_image.shape[2] == rgb.shape[2] && mean_image.shape[3] == rgb.shape[3]
                ? mean_image
                : F.interpolate(mean_image, [rgb.shape[2], rgb.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        return bgr.sub(mean).MoveToOuterDisposeScope();
    }

    /// <summary>The layer4 output [N,512,H/32,W/32] of a preprocessed input.</summary>
    public override Tensor forward(Tensor input)
    {
        var taps = Run(input, ["layer4"]);
        return taps["layer4"];
    }

    /// <summary>The 512-D globally average-pooled features of a preprocessed input (what the ONNX model outputs).</summary>
    public Tensor PooledFeatures(Tensor preprocessed)
    {
        using var trunk = forward(preprocessed);
        return trunk.mean([2, 3]);
    }

    /// <inheritdoc/>
    public Dictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var input = Preprocess(rgb);
        return Run(input, layers);
    }

    /// <summary>Runs a preprocessed input as deep as the deepest of <paramref name="layers"/> and returns those taps.</summary>
    public Dictionary<string, Tensor> Run(Tensor input, IReadOnlyCollection<string> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        var wanted = new HashSet<string>(layers.Select(Canonical), StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var left = wanted.Count;
        using var scope = NewDisposeScope();

        bool Keep(string name, Tensor value)
        {
            if (wanted.Contains(name))
            {
                foreach (var asked in layers.Where(l => Canonical(l) == name))
                {
                    result[asked] = value.alias().MoveToOuterDisposeScope();
                }

                left--;
            }

            return left == 0;
        }

        var h = bn1.forward(conv1.forward(input)).relu_();
        if (Keep("relu", h))
        {
            return result;
        }

        h = F.max_pool2d(h, 3, 2, 1);
        if (Keep("maxpool", h))
        {
            return result;
        }

        Sequential[] stages = [layer1, layer2, layer3, layer4];
        for (var s = 0; s < stages.Length; s++)
        {
            var b = 0;
            foreach (var block in stages[s].children())
            {
                h = ((nn.Module<Tensor, Tensor>)block).forward(h);
                if (Keep($"{Stages[s]}.{b}", h))
                {
                    return result;
                }

                b++;
            }
        }

        return result;
    }

    /// <summary>The canonical tap of a name (<c>layerN</c> → its last block); an <see cref="ArgumentException"/> for unknown names.</summary>
    private string Canonical(string name)
    {
        var index = Array.IndexOf(Stages, name);
        if (index >= 0)
        {
            return $"{name}.{BlocksPerLayer[index] - 1}";
        }

        return layerNames.Contains(name)
            ? name
            : throw new ArgumentException($"Unknown {Name} layer '{name}'. Known layers: {string.Join(", ", layerNames)}.", nameof(name));
    }

    private static Sequential Stage(long inChannels, long outChannels, int blocks, long stride)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", new BasicBlock(inChannels, outChannels, stride)) };
        for (var i = 1; i < blocks; i++)
        {
            modules.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new BasicBlock(outChannels, outChannels, 1)));
        }

        return nn.Sequential(modules);
    }

    /// <summary>The mean image [1,3,224,224] (BGR) of <c>ResNetPreprocess.onnx</c>, or the per-channel constants broadcast.</summary>
    private static Tensor MeanImage(OnnxInitializers? preprocess)
    {
        var name = preprocess?.Names.FirstOrDefault(n => preprocess.Raw(n).Shape is [1, 3, _, _] or [3, _, _]);
        if (preprocess is not null && name is not null)
        {
            var t = preprocess.Tensor(name);
            return t.dim() == 3 ? t.unsqueeze(0) : t;
        }

        return tensor(FallbackMeanBgr.ToArray(), [1, 3, 1, 1]).expand(1, 3, 224, 224).contiguous();
    }

    private static Dictionary<string, string> LoadNames()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MlNetFaces.StyleTransfer.ResNet18TorchvisionNames.json")
            ?? throw new InvalidOperationException("The embedded ResNet18 name mapping is missing.");
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}

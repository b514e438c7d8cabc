using System.Globalization;
using MlNetFaces.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// VGG-19 (the classic style-transfer backbone) in torchvision's layout: <c>features.0 … features.36</c>, convolutions at
/// 0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34. No pretrained weights can be fetched here: load a
/// user-supplied TorchSharp <c>.dat</c> (for instance torchvision's <c>vgg19</c> state dict converted with TorchSharp's
/// <c>exportsd.py</c>); keys other than <c>features.*</c> (the classifier) are ignored. Taps are named
/// <c>conv1_1 … conv5_4</c> (before the ReLU), <c>relu1_1 … relu5_4</c> and <c>pool1 … pool5</c>.
/// </summary>
public sealed class Vgg19Backbone : nn.Module<Tensor, Tensor>, IStyleBackbone
{
    private static readonly int[] Config = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0];

    private static readonly float[] TorchvisionMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] TorchvisionStd = [0.229f, 0.224f, 0.225f];
    private static readonly float[] CaffeMeanBgr = [103.939f, 116.779f, 123.68f];

    private readonly Sequential features;
    private readonly List<string> layerNames = [];
    private readonly Dictionary<string, int> tapIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> convIndex = new(StringComparer.Ordinal);

    /// <summary>A VGG-19 trunk with random (PyTorch default) weights; see <see cref="Load"/>.</summary>
    public Vgg19Backbone(VggInput input = VggInput.Torchvision)
        : base("vgg19")
    {
        Input = input;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = 3;
        int block = 1, conv = 1;
        foreach (var width in Config)
        {
            var index = modules.Count;
            if (width == 0)
            {
                modules.Add((Key(index), nn.MaxPool2d(2, 2)));
                AddTap($"pool{block}", index);
                block++;
                conv = 1;
                continue;
            }

            modules.Add((Key(index), nn.Conv2d(channels, width, 3, padding: 1)));
            AddTap($"conv{block}_{conv}", index);
            convIndex[$"conv{block}_{conv}"] = index;
            modules.Add((Key(index + 1), nn.ReLU(inplace: false)));
            AddTap($"relu{block}_{conv}", index + 1);
            channels = width;
            conv++;
        }

        features = nn.Sequential(modules);
        RegisterComponents();
        foreach (var parameter in parameters())
        {
            parameter.requires_grad = false;
        }

        eval();
    }

    /// <inheritdoc/>
    public string Name => "vgg19";

    /// <summary>The input normalisation the weights expect.</summary>
    public VggInput Input { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> LayerNames => layerNames;

    /// <summary>Gatys et al.: content conv4_2 (its ReLU).</summary>
    public IReadOnlyList<LayerWeight> DefaultContentLayers { get; } = [new("relu4_2", 1.0)];

    /// <summary>Gatys et al.: relu1_1, relu2_1, relu3_1, relu4_1, relu5_1 at 1/5 each.</summary>
    public IReadOnlyList<LayerWeight> DefaultStyleLayers { get; } =
        [new("relu1_1", 0.2), new("relu2_1", 0.2), new("relu3_1", 0.2), new("relu4_1", 0.2), new("relu5_1", 0.2)];

    /// <summary>Off: Gatys et al. optimise on raw VGG activations.</summary>
    public bool SmoothsByDefault => false;

    /// <summary>Every tap: when smoothing is asked for without layers, it applies to the whole net.</summary>
    public IReadOnlyList<string> DefaultSmoothedLayers => layerNames;

    /// <inheritdoc/>
    public Device Device => features.parameters().First().device;

    /// <summary>The torchvision state-dict prefix of a conv layer, e.g. <c>conv3_2</c> → <c>features.12</c>.</summary>
    public static string TorchvisionKey(string convLayer)
    {
        using var probe = new Vgg19Backbone();
        return probe.convIndex.TryGetValue(convLayer, out var i)
            ? "features." + Key(i)
            : throw new ArgumentException($"Unknown VGG-19 conv layer '{convLayer}'.", nameof(convLayer));
    }

    /// <summary>
    /// Loads the weights of a TorchSharp <c>.dat</c> state dict in torchvision layout. Every <c>features.N.weight/bias</c> of
    /// the 16 convolutions must be present with the right shape; other keys are skipped.
    /// </summary>
    public static Vgg19Backbone Load(string path, VggInput input = VggInput.Torchvision, Device? device = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: VGG-19 weights file not found.", path);
        }

        TorchRuntime.EnsureLoaded();
        var net = new Vgg19Backbone(input);
        var state = net.state_dict();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            var count = DecodeLength(reader);
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                using var value = Tensor.Load(reader);
                if (!state.TryGetValue(key, out var target))
                {
                    continue;
                }

                if (!value.shape.SequenceEqual(target.shape))
                {
                    throw new InvalidDataException(
                        $"{path}: {net.Describe(key)} has shape [{string.Join(',', value.shape)}], expected [{string.Join(',', target.shape)}].");
                }

                using (no_grad())
                {
                    target.copy_(value);
                }

                loaded.Add(key);
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or NotImplementedException or OverflowException)
        {
            throw new InvalidDataException($"{path}: not a TorchSharp state dict ({ex.Message}).", ex);
        }

        var missing = state.Keys.Where(k => !loaded.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            net.Dispose();
            throw new InvalidDataException($"{path}: no weights for {string.Join(", ", missing.Select(net.Describe))}.");
        }

        if (device is not null && device.type != DeviceType.CPU)
        {
            net.to(device);
        }

        return net;
    }

    /// <summary>RGB 0..255 → the normalisation of <see cref="Input"/>.</summary>
    public Tensor Preprocess(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = NewDisposeScope();
        var device = rgb.device;
        if (Input == VggInput.Caffe)
        {
            return (rgb.flip(1) - tensor(CaffeMeanBgr, [1, 3, 1, 1], device: device)).MoveToOuterDisposeScope();
        }

        var mean = tensor(TorchvisionMean, [1, 3, 1, 1], device: device);
        var std = tensor(TorchvisionStd, [1, 3, 1, 1], device: device);
        return (((rgb / 255.0) - mean) / std).MoveToOuterDisposeScope();
    }

    /// <summary>The pool5 output of a preprocessed input.</summary>
    public override Tensor forward(Tensor input) => features.forward(input);

    /// <inheritdoc/>
    public Dictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(layers);
        var wanted = layers.ToDictionary(l => l, l => tapIndex.TryGetValue(l, out var i)
            ? i
            : throw new ArgumentException($"Unknown {Name} layer '{l}'. Known layers: {string.Join(", ", layerNames)}.", nameof(layers)));
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return result;
        }

        var deepest = wanted.Values.Max();
        using var scope = NewDisposeScope();
        var h = Preprocess(rgb);
        var index = 0;
        foreach (var module in features.children())
        {
            h = ((nn.Module<Tensor, Tensor>)module).forward(h);
            foreach (var (name, at) in wanted)
            {
                if (at == index)
                {
                    result[name] = h.alias().MoveToOuterDisposeScope();
                }
            }

            if (index++ == deepest)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>TorchSharp's LEB128 length prefix.</summary>
    private static long DecodeLength(BinaryReader reader)
    {
        long result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            long b = reader.ReadByte();
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Bad length prefix.");
    }

    private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);

    private void AddTap(string name, int index)
    {
        layerNames.Add(name);
        tapIndex[name] = index;
    }

    private string Describe(string key)
    {
        var parts = key.Split('.');
        var conv = parts.Length == 3 ? convIndex.FirstOrDefault(kv => Key(kv.Value) == parts[1]).Key : null;
        return conv is null ? key : $"{conv} ({key})";
    }
}

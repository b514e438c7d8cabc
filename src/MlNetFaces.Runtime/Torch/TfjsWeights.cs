using System.Text.Json;
using static TorchSharp.torch;

namespace MlNetFaces.Torch;

/// <summary>
/// Reads a tfjs "weights manifest" (JSON + concatenated binary shards) and dequantises each tensor exactly
/// as tfjs-core does (<c>q * scale + min</c> in double, stored as float32). Values stay in TF layout;
/// the <c>Conv</c>/<c>Depthwise</c>/<c>Linear</c> helpers convert them to PyTorch layouts.
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, (long[] Shape, float[] Values)> tensors;

    private TfjsWeights(Dictionary<string, (long[] Shape, float[] Values)> tensors)
    {
        this.tensors = tensors;
    }

    /// <summary>The tensor names (as the manifest spells them, e.g. <c>conv0/filters</c>).</summary>
    public IReadOnlyCollection<string> Names => tensors.Keys;

    /// <summary>
    /// Weights already decoded into TF layouts (e.g. converted from another format), by tensor name; each shape must
    /// match its number of values.
    /// </summary>
    public static TfjsWeights FromTensors(IEnumerable<KeyValuePair<string, (long[] Shape, float[] Values)>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, (shape, values)) in tensors)
        {
            if (shape.Aggregate(1L, (a, b) => a * b) != values.Length)
            {
                throw new ArgumentException($"Weight '{name}': shape [{string.Join(',', shape)}] does not hold {values.Length} values.", nameof(tensors));
            }

            result.Add(name, (shape, values));
        }

        return new TfjsWeights(result);
    }

    /// <summary>
    /// Reads a tfjs weights manifest (<c>*-weights_manifest.json</c>) and the shards it names, which must lie beside it,
    /// dequantising uint8/uint16 tensors to float32.
    /// </summary>
    /// <param name="manifestPath">The manifest's path.</param>
    /// <exception cref="FileNotFoundException">The manifest or a shard is missing.</exception>
    /// <exception cref="InvalidDataException">The shards do not hold exactly the bytes the manifest describes.</exception>
    public static TfjsWeights Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Weights manifest not found: {manifestPath}", manifestPath);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        using var json = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var group in json.RootElement.EnumerateArray())
        {
            var bytes = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!)))
                .ToArray();
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var name = spec.GetProperty("name").GetString()!;
                var shape = spec.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var count = (int)shape.Aggregate(1L, (a, b) => a * b);
                var values = Decode(spec, bytes, ref offset, count);
                result[name] = (shape, values);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"{manifestPath}: the manifest describes {offset} bytes but the shards hold {bytes.Length}.");
            }
        }

        return new TfjsWeights(result);
    }

    /// <summary>The raw values (TF layout, row-major) and shape of a tensor.</summary>
    public (long[] Shape, float[] Values) Raw(string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"Weight '{name}' is not in the manifest.");

    /// <summary>A tensor in its TF shape.</summary>
    public Tensor Tensor(string name)
    {
        var (shape, values) = Raw(name);
        return tensor(values, shape);
    }

    /// <summary>Conv filter HWIO [kh,kw,cin,cout] (also pointwise [1,1,cin,cout]) as OIHW.</summary>
    public Tensor Conv(string name) => Tensor(name).permute(3, 2, 0, 1).contiguous();

    /// <summary>Depthwise filter [kh,kw,c,1] as [c,1,kh,kw] (use with groups = c).</summary>
    public Tensor Depthwise(string name) => Tensor(name).permute(2, 3, 0, 1).contiguous();

    /// <summary>Matrix [in,out] used as <c>x @ W</c>, as an F.linear weight [out,in].</summary>
    public Tensor Linear(string name) => Tensor(name).t().contiguous();

    private static float[] Decode(JsonElement spec, byte[] bytes, ref int offset, int count)
    {
        var values = new float[count];
        if (spec.TryGetProperty("quantization", out var q))
        {
            var scale = q.GetProperty("scale").GetDouble();
            var min = q.GetProperty("min").GetDouble();
            var qtype = q.GetProperty("dtype").GetString();
            var size = qtype == "uint8" ? 1 : qtype == "uint16" ? 2
                : throw new NotSupportedException($"Quantisation dtype '{qtype}' is not supported.");
            var round = spec.GetProperty("dtype").GetString() == "int32";
            for (var i = 0; i < count; i++)
            {
                double raw = size == 1 ? bytes[offset + i] : BitConverter.ToUInt16(bytes, offset + (2 * i));
                var v = (raw * scale) + min;
                values[i] = (float)(round ? Math.Round(v) : v);
            }

            offset += count * size;
            return values;
        }

        switch (spec.GetProperty("dtype").GetString())
        {
            case "float32":
                Buffer.BlockCopy(bytes, offset, values, 0, count * 4);
                break;
            case "int32":
                for (var i = 0; i < count; i++)
                {
                    values[i] = BitConverter.ToInt32(bytes, offset + (4 * i));
                }

                break;
            default:
                throw new NotSupportedException($"Weight dtype '{spec.GetProperty("dtype").GetString()}' is not supported.");
        }

        offset += count * 4;
        return values;
    }
}

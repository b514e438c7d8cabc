using System.Runtime.InteropServices;
using Onnx;
using static TorchSharp.torch;

namespace MlNetFaces.Torch;

/// <summary>The float32 initializers (weights) of an ONNX model, read with OnnxSharp's protobuf classes.</summary>
internal sealed class OnnxInitializers
{
    private readonly Dictionary<string, (long[] Shape, float[] Values)> tensors;

    private OnnxInitializers(Dictionary<string, (long[] Shape, float[] Values)> tensors) => this.tensors = tensors;

    public IReadOnlyCollection<string> Names => tensors.Keys;

    /// <summary>Reads every float32 initializer of <paramref name="path"/> (both <c>float_data</c> and <c>raw_data</c> storage).</summary>
    public static OnnxInitializers Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: ONNX model not found.", path);
        }

        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{path}: not an ONNX model ({ex.Message}).", ex);
        }

        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var t in model.Graph?.Initializer ?? [])
        {
            if (t.DataType != (int)TensorProto.Types.DataType.Float)
            {
                continue;
            }

            var shape = t.Dims.ToArray();
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var values = t.FloatData.Count > 0
                ? t.FloatData.ToArray()
                : MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
            if (values.LongLength != count)
            {
                throw new InvalidDataException($"{path}: initializer {t.Name} has {values.Length} values for shape [{string.Join(',', shape)}].");
            }

            result[t.Name] = (shape, values);
        }

        return new OnnxInitializers(result);
    }

    public bool Contains(string name) => tensors.ContainsKey(name);

    /// <summary>The shape and values of one initializer.</summary>
    public (long[] Shape, float[] Values) Raw(string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"ONNX initializer '{name}' not found.");

    /// <summary>One initializer as a new CPU float32 tensor.</summary>
    public Tensor Tensor(string name)
    {
        var (shape, values) = Raw(name);
        return tensor(values, shape);
    }
}

using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MlNetFaces.IO;
using DataType = Onnx.TensorProto.Types.DataType;
using OnnxIrVersion = Onnx.Version;

namespace MlNetFaces.Torch.Onnx;

/// <summary>
/// Writes an ONNX model (IR 8, default-domain opset <see cref="OpsetVersion"/>) with OnnxSharp's protobuf classes:
/// graph inputs with a symbolic batch dimension, initializers from TorchSharp tensors, one emitter per operator
/// (each returns the name of its output value), and outputs declared with element type and shape (ML.NET's
/// <c>ApplyOnnxModel</c> needs both). Every value's static shape is inferred as the graph grows (see
/// <see cref="ShapeOf"/>), so that emitters can make shape-dependent choices and outputs need no explicit shape.
/// Values are float32 unless stated; pads follow ONNX order: all begins, then all ends. Initializers are stored as
/// little-endian raw bytes (ONNX's raw_data), which ONNX Runtime loads faster than packed values.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The version of the default ONNX operator set the emitters target.</summary>
    public const int OpsetVersion = 13;

    /// <summary>The symbolic name of a leading dimension given as -1 (the batch).</summary>
    public const string BatchDimension = "N";

    private readonly GraphProto graph;
    private readonly Dictionary<string, long[]?> shapes = new(StringComparer.Ordinal);
    private readonly Stack<string> scopes = new();

    /// <summary>Starts an empty graph.</summary>
    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        graph = new GraphProto { Name = graphName };
    }

    /// <summary>
    /// The inferred static shape of a value: -1 marks a dimension known only at run time; <c>null</c> when even the rank
    /// is unknown (after <see cref="AddNode"/> without a shape).
    /// </summary>
    public long[]? ShapeOf(string value) =>
        shapes.TryGetValue(value, out var shape) ? shape?.ToArray() : throw new ArgumentException($"No value '{value}' in the graph.", nameof(value));

    /// <summary>Prefixes the names of the values made until the returned handle is disposed with <c>name/</c> (nests).</summary>
    public IDisposable Scope(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        scopes.Push(name);
        return new ScopeHandle(scopes);
    }

    /// <summary>Declares a float graph input; -1 dimensions are symbolic (the first one <see cref="BatchDimension"/>).</summary>
    public string AddInput(string name, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Claim(name);
        graph.Input.Add(ValueInfo(name, shape));
        shapes[name] = [.. shape];
        return name;
    }

    /// <summary>Declares a graph output <paramref name="name"/> holding <paramref name="value"/>, with its inferred shape.</summary>
    public void AddOutput(string value, string name) =>
        AddOutput(value, name, ShapeOf(value) ?? throw new InvalidOperationException($"The shape of '{value}' is unknown: give the output shape explicitly."));

    /// <summary>Declares a graph output <paramref name="name"/> holding <paramref name="value"/>, of float type and <paramref name="shape"/>.</summary>
    public void AddOutput(string value, string name, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        RequireValue(value);
        if (value != name)
        {
            Claim(name);
            graph.Node.Add(Node("Identity", [value], name, []));
            shapes[name] = [.. shape];
        }

        graph.Output.Add(ValueInfo(name, shape));
    }

    /// <summary>A constant from a float32 or int64 tensor (copied now); returns its name, made unique within the scope.</summary>
    public string AddInitializer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var scope = NewDisposeScope();
        var cpu = value.detach().cpu().contiguous();
        return cpu.dtype switch
        {
            ScalarType.Float32 => AddInitializer(name, cpu.data<float>().ToArray(), cpu.shape),
            ScalarType.Int64 => AddInitializer(name, cpu.data<long>().ToArray(), cpu.shape),
            _ => throw new NotSupportedException($"Initializers of {cpu.dtype} are not supported; convert to float32 or int64."),
        };
    }

    /// <summary>A float constant of shape <paramref name="dims"/> (none: a scalar); returns its unique name.</summary>
    public string AddInitializer(string name, float[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tensor = NewTensor(name, DataType.Float, values.Length, dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())); // raw bytes load faster than packed floats
        return AddTensor(tensor);
    }

    /// <summary>An int64 constant of shape <paramref name="dims"/> (none: a scalar); returns its unique name.</summary>
    public string AddInitializer(string name, long[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tensor = NewTensor(name, DataType.Int64, values.Length, dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return AddTensor(tensor);
    }

    /// <summary>
    /// Any operator of the default domain: "" stands for an omitted optional input; <paramref name="outputShape"/> is
    /// the static shape to record (<c>null</c>: unknown). Returns the output's name.
    /// </summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, long[]? outputShape, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var input in inputs.Where(i => i.Length > 0))
        {
            RequireValue(input);
        }

        var output = Unique(opType);
        graph.Node.Add(Node(opType, inputs, output, attributes));
        shapes[output] = outputShape;
        return output;
    }

    /// <summary>
    /// <c>Conv</c>: <paramref name="weight"/> [O, C/group, k...], optional <paramref name="bias"/> [O]; strides and
    /// dilations default to 1, pads to 0.
    /// </summary>
    public string Conv(string input, string weight, string? bias, IReadOnlyList<long>? strides = null, IReadOnlyList<long>? pads = null, long group = 1, IReadOnlyList<long>? dilations = null)
    {
        var w = ShapeOf(weight) ?? throw new ArgumentException($"The shape of the weight '{weight}' is unknown.", nameof(weight));
        var kernel = w[2..];
        var s = strides ?? Ones(kernel.Length);
        var p = pads ?? new long[2 * kernel.Length];
        var d = dilations ?? Ones(kernel.Length);
        var shape = OnnxShapes.Window(ShapeOf(input), w[0], kernel, s, p, d);
        return AddNode(
            "Conv",
            bias is null ? [input, weight] : [input, weight, bias],
            shape,
            Ints("kernel_shape", kernel),
            Ints("strides", s),
            Ints("pads", p),
            Ints("dilations", d),
            Int("group", group));
    }

    /// <summary>
    /// A TorchSharp <see cref="Conv2d"/> (its weights become initializers under <c>name</c>): explicit or 'same'
    /// padding; reflect and replicate padding modes become a <c>Pad</c> before the convolution, as in torch.
    /// </summary>
    public string Conv(string input, Conv2d conv, string name)
    {
        ArgumentNullException.ThrowIfNull(conv);
        using var scope = Scope(name);
        var weight = AddInitializer("weight", conv.weight);
        var bias = conv.bias is null ? null : AddInitializer("bias", conv.bias);
        var pads = ConvPads(conv);
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            var mode = conv.padding_mode switch
            {
                PaddingModes.Reflect => OnnxPadMode.Reflect,
                PaddingModes.Replicate => OnnxPadMode.Edge,
                _ => throw new NotSupportedException($"Conv2d padding mode {conv.padding_mode} has no ONNX export."),
            };
            input = Pad(input, [0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3]], mode);
            pads = new long[4];
        }

        return Conv(input, weight, bias, conv.stride, pads, conv.groups, conv.dilation);
    }

    /// <summary>A TorchSharp <see cref="Linear"/> on a 2-D input, as <c>Gemm</c> (weights become initializers under <c>name</c>).</summary>
    public string Linear(string input, Linear linear, string name)
    {
        ArgumentNullException.ThrowIfNull(linear);
        using var scope = Scope(name);
        var weight = AddInitializer("weight", linear.weight);
        var bias = linear.bias is null ? null : AddInitializer("bias", linear.bias);
        return Gemm(input, weight, bias, transB: true);
    }

    /// <summary><c>Relu</c>.</summary>
    public string Relu(string x) => Unary("Relu", x);

    /// <summary><c>LeakyRelu</c> with slope <paramref name="alpha"/> below zero.</summary>
    public string LeakyRelu(string x, float alpha = 0.01f) => Unary("LeakyRelu", x, Float("alpha", alpha));

    /// <summary><c>Sigmoid</c>.</summary>
    public string Sigmoid(string x) => Unary("Sigmoid", x);

    /// <summary><c>Tanh</c>.</summary>
    public string Tanh(string x) => Unary("Tanh", x);

    /// <summary><c>Exp</c>.</summary>
    public string Exp(string x) => Unary("Exp", x);

    /// <summary><c>Transpose</c> by the permutation <paramref name="perm"/> of the axes.</summary>
    public string Transpose(string x, IReadOnlyList<long> perm)
    {
        ArgumentNullException.ThrowIfNull(perm);
        var shape = ShapeOf(x);
        return AddNode("Transpose", [x], shape is null ? null : perm.Select(p => shape[p]).ToArray(), Ints("perm", perm));
    }

    /// <summary><c>Gather</c> of one <paramref name="index"/> along <paramref name="axis"/>, which it removes (torch's <c>select</c>).</summary>
    public string Select(string x, long axis, long index)
    {
        var shape = ShapeOf(x);
        return AddNode("Gather", [x, AddInitializer("index", new long[] { index })], shape?.Where((_, i) => i != axis).ToArray(), Int("axis", axis));
    }

    /// <summary><c>BatchNormalization</c> in inference mode with per-channel <paramref name="scale"/>, <paramref name="bias"/>, <paramref name="mean"/> and <paramref name="variance"/> [C].</summary>
    public string BatchNormalization(string x, string scale, string bias, string mean, string variance, float epsilon) =>
        AddNode("BatchNormalization", [x, scale, bias, mean, variance], ShapeOf(x), Float("epsilon", epsilon));

    /// <summary><c>Identity</c>.</summary>
    public string Identity(string x) => Unary("Identity", x);

    /// <summary><c>Clip</c> to [<paramref name="min"/>, <paramref name="max"/>] (an omitted bound is open).</summary>
    public string Clip(string x, float? min, float? max)
    {
        var inputs = new List<string>
        {
            x,
            min is { } lo ? AddInitializer("min", [lo]) : string.Empty,
            max is { } hi ? AddInitializer("max", [hi]) : string.Empty,
        };
        while (inputs[^1].Length == 0)
        {
            inputs.RemoveAt(inputs.Count - 1);
        }

        return AddNode("Clip", inputs, ShapeOf(x));
    }

    /// <summary><c>Add</c> (broadcasting).</summary>
    public string Add(string a, string b) => Binary("Add", a, b);

    /// <summary><c>Sub</c> (broadcasting).</summary>
    public string Sub(string a, string b) => Binary("Sub", a, b);

    /// <summary><c>Mul</c> (broadcasting).</summary>
    public string Mul(string a, string b) => Binary("Mul", a, b);

    /// <summary><c>Div</c> (broadcasting).</summary>
    public string Div(string a, string b) => Binary("Div", a, b);

    /// <summary><c>MaxPool</c> (floor mode; pads default to 0).</summary>
    public string MaxPool(string x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long>? pads = null) =>
        Pool("MaxPool", x, kernel, strides, pads);

    /// <summary>
    /// <c>AveragePool</c> (floor mode; pads default to 0). torch's <c>avg_pool2d</c> counts the padding by default
    /// (<paramref name="countIncludePad"/> true); ONNX's default does not.
    /// </summary>
    public string AveragePool(string x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long>? pads = null, bool countIncludePad = false) =>
        Pool("AveragePool", x, kernel, strides, pads, Int("count_include_pad", countIncludePad ? 1 : 0));

    /// <summary><c>GlobalAveragePool</c>: [N,C,...] to [N,C,1,...].</summary>
    public string GlobalAveragePool(string x)
    {
        var shape = ShapeOf(x);
        return AddNode("GlobalAveragePool", [x], shape?.Select((d, i) => i < 2 ? d : 1).ToArray());
    }

    /// <summary><c>ReduceMean</c> over <paramref name="axes"/>.</summary>
    public string ReduceMean(string x, IReadOnlyList<long> axes, bool keepDims) =>
        AddNode("ReduceMean", [x], OnnxShapes.Reduce(ShapeOf(x), axes, keepDims), Ints("axes", axes), Int("keepdims", keepDims ? 1 : 0));

    /// <summary><c>Pad</c> every axis by ONNX-ordered <paramref name="pads"/> (negative values crop).</summary>
    public string Pad(string x, IReadOnlyList<long> pads, OnnxPadMode mode = OnnxPadMode.Constant, float value = 0)
    {
        ArgumentNullException.ThrowIfNull(pads);
        var shape = OnnxShapes.Pad(ShapeOf(x), pads);
        var padsName = AddInitializer("pads", pads.ToArray(), pads.Count);
        if (mode != OnnxPadMode.Constant || value == 0)
        {
            return AddNode("Pad", [x, padsName], shape, Text("mode", ModeName(mode)));
        }

        return AddNode("Pad", [x, padsName, AddInitializer("value", [value])], shape, Text("mode", ModeName(mode)));
    }

    /// <summary><c>Concat</c> along <paramref name="axis"/>.</summary>
    public string Concat(IReadOnlyList<string> inputs, long axis)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return AddNode("Concat", inputs, OnnxShapes.Concat(inputs.Select(ShapeOf).ToList(), axis), Int("axis", axis));
    }

    /// <summary><c>MatMul</c> (NumPy semantics, operands of rank 2 or more).</summary>
    public string MatMul(string a, string b) => AddNode("MatMul", [a, b], OnnxShapes.MatMul(ShapeOf(a), ShapeOf(b)));

    /// <summary><c>Gemm</c>: alpha·op(A)·op(B) + beta·C for 2-D A and B; C optional, broadcast.</summary>
    public string Gemm(string a, string b, string? c = null, bool transA = false, bool transB = false, float alpha = 1, float beta = 1) =>
        AddNode(
            "Gemm",
            c is null ? [a, b] : [a, b, c],
            OnnxShapes.Gemm(ShapeOf(a), ShapeOf(b), transA, transB),
            Float("alpha", alpha),
            Float("beta", beta),
            Int("transA", transA ? 1 : 0),
            Int("transB", transB ? 1 : 0));

    /// <summary><c>Flatten</c> to 2-D at <paramref name="axis"/>.</summary>
    public string Flatten(string x, long axis = 1) => AddNode("Flatten", [x], OnnxShapes.Flatten(ShapeOf(x), axis), Int("axis", axis));

    /// <summary><c>Reshape</c> to <paramref name="shape"/> (0 keeps the input dimension, one -1 is inferred).</summary>
    public string Reshape(string x, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return AddNode("Reshape", [x, AddInitializer("shape", shape.ToArray(), shape.Count)], OnnxShapes.Reshape(ShapeOf(x), shape));
    }

    /// <summary><c>InstanceNormalization</c> of [N,C,...] with per-channel <paramref name="scale"/> and <paramref name="bias"/> [C].</summary>
    public string InstanceNormalization(string x, string scale, string bias, float epsilon = 1e-5f) =>
        AddNode("InstanceNormalization", [x, scale, bias], ShapeOf(x), Float("epsilon", epsilon));

    /// <summary>
    /// <c>Resize</c> by per-axis <paramref name="scales"/> with torch's 'nearest' rule (asymmetric coordinates, floor),
    /// e.g. [1,1,2,2] for <c>Upsample(scale_factor: 2)</c>.
    /// </summary>
    public string Resize(string x, IReadOnlyList<float> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        var scalesName = AddInitializer("scales", scales.ToArray(), scales.Count);
        return AddNode(
            "Resize",
            [x, string.Empty, scalesName],
            OnnxShapes.Resize(ShapeOf(x), scales),
            Text("mode", "nearest"),
            Text("coordinate_transformation_mode", "asymmetric"),
            Text("nearest_mode", "floor"));
    }

    /// <summary>
    /// <c>Resize</c> of [N,C,H,W] to <paramref name="height"/>×<paramref name="width"/>, bilinear with torch's
    /// <c>interpolate(mode: bilinear, align_corners: false)</c> rule (pytorch_half_pixel, no antialiasing).
    /// </summary>
    public string ResizeBilinear(string x, long height, long width)
    {
        var shape = ShapeOf(x) is { Length: 4 } s ? new[] { s[0], s[1], height, width } : null;
        // sizes = concat(shape(x)[0:2], [height, width]): the batch size is known only at run time.
        var batchAndChannels = AddNode(
            "Slice",
            [AddNode("Shape", [x], [4]), AddInitializer("starts", [0L], 1), AddInitializer("ends", [2L], 1)],
            [2]);
        var sizes = Concat([batchAndChannels, AddInitializer("spatial", [height, width], 2)], 0);
        return AddNode(
            "Resize",
            [x, string.Empty, string.Empty, sizes],
            shape,
            Text("mode", "linear"),
            Text("coordinate_transformation_mode", "pytorch_half_pixel"));
    }

    /// <summary><c>LpNormalization</c> with p = 2 along <paramref name="axis"/>: each row divided by its L2 norm.</summary>
    public string L2Normalize(string x, long axis = 1) =>
        AddNode("LpNormalization", [x], ShapeOf(x), Int("axis", axis), Int("p", 2));

    /// <summary>The model: the graph so far (copied), IR version 8, the default opset <see cref="OpsetVersion"/>.</summary>
    public ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = (long)OnnxIrVersion.IrVersion2021730,
            ProducerName = "MlNetFaces",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? string.Empty,
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        return model;
    }

    /// <summary>The serialized model.</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    /// <summary>Writes the serialized model to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => Build().WriteTo(stream);

    /// <summary>Writes the serialized model to a file.</summary>
    public void Save(string path)
    {
        var model = Build();
        AtomicFile.Write(path, model.WriteTo);
    }

    private static long[] Ones(int count) => Enumerable.Repeat(1L, count).ToArray();

    private static long[] ConvPads(Conv2d conv)
    {
        if (conv.padding is { } padding)
        {
            return [padding[0], padding[1], padding[0], padding[1]];
        }

        if (conv.padding_type == Padding.Same)
        {
            var total = conv.kernel_size.Select((k, i) => conv.dilation[i] * (k - 1)).ToArray();
            return [total[0] / 2, total[1] / 2, total[0] - (total[0] / 2), total[1] - (total[1] / 2)];
        }

        return new long[4];
    }

    private static string ModeName(OnnxPadMode mode) => mode switch
    {
        OnnxPadMode.Constant => "constant",
        OnnxPadMode.Reflect => "reflect",
        OnnxPadMode.Edge => "edge",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static NodeProto Node(string opType, IEnumerable<string> inputs, string output, IEnumerable<AttributeProto> attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, IReadOnlyList<long> shape)
    {
        var tensorShape = new TensorShapeProto();
        for (var i = 0; i < shape.Count; i++)
        {
            tensorShape.Dim.Add(shape[i] >= 0
                ? new TensorShapeProto.Types.Dimension { DimValue = shape[i] }
                : new TensorShapeProto.Types.Dimension { DimParam = i == 0 ? BatchDimension : $"{name}_dim{i}" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = tensorShape } },
        };
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private TensorProto NewTensor(string name, DataType type, int count, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Aggregate(1L, (p, d) => p * d) != count)
        {
            throw new ArgumentException($"{count} values do not fill the shape [{OnnxShapes.Format(dims)}].", nameof(dims));
        }

        var tensor = new TensorProto { Name = Unique(name), DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private string AddTensor(TensorProto tensor)
    {
        graph.Initializer.Add(tensor);
        shapes[tensor.Name] = [.. tensor.Dims];
        return tensor.Name;
    }

    private string Unary(string opType, string x, params AttributeProto[] attributes) => AddNode(opType, [x], ShapeOf(x), attributes);

    private string Binary(string opType, string a, string b) => AddNode(opType, [a, b], OnnxShapes.Broadcast(ShapeOf(a), ShapeOf(b)));

    private string Pool(string opType, string x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long>? pads, params AttributeProto[] extra)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(strides);
        var p = pads ?? new long[2 * kernel.Count];
        var input = ShapeOf(x);
        var shape = input is null ? null : OnnxShapes.Window(input, input[1], kernel, strides, p, Ones(kernel.Count));
        return AddNode(opType, [x], shape, [Ints("kernel_shape", kernel), Ints("strides", strides), Ints("pads", p), .. extra]);
    }

    private void RequireValue(string value)
    {
        if (!shapes.ContainsKey(value))
        {
            throw new ArgumentException($"No value '{value}' in the graph.", nameof(value));
        }
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!shapes.TryAdd(name, null))
        {
            throw new ArgumentException($"The name '{name}' is already used in the graph.", nameof(name));
        }
    }

    /// <summary><paramref name="hint"/> under the current scope, with a numeric suffix when that name is taken; claimed.</summary>
    private string Unique(string hint)
    {
        var stem = scopes.Count == 0 ? hint : string.Join("/", scopes.Reverse()) + "/" + hint;
        var name = stem;
        for (var i = 1; !shapes.TryAdd(name, null); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }

    private sealed class ScopeHandle(Stack<string> scopes) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                scopes.Pop();
                disposed = true;
            }
        }
    }
}

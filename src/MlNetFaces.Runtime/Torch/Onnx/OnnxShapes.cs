namespace MlNetFaces.Torch.Onnx;

/// <summary>
/// Static shape inference for the operators that <see cref="OnnxGraphBuilder"/> emits: a shape is a dimension array
/// where -1 means "not known until run time" (the batch, for instance); <c>null</c> means the rank is unknown too.
/// </summary>
internal static class OnnxShapes
{
    public const long Unknown = -1;

    /// <summary>NumPy-style (multidirectional) broadcasting of two shapes.</summary>
    public static long[]? Broadcast(long[]? a, long[]? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var y = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            result[i] = (x, y) switch
            {
                (1, _) => y,
                (_, 1) => x,
                (Unknown, _) => y,
                (_, Unknown) => x,
                _ when x == y => x,
                _ => throw new ArgumentException($"Shapes [{Format(a)}] and [{Format(b)}] do not broadcast."),
            };
        }

        return result;
    }

    /// <summary>
    /// The output of a convolution or pooling over the trailing spatial axes of <paramref name="input"/> [N,C,...],
    /// with <paramref name="channels"/> output channels; <paramref name="pads"/> are ONNX-ordered (all begins, then all ends).
    /// </summary>
    public static long[]? Window(long[]? input, long channels, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long> pads, IReadOnlyList<long> dilations)
    {
        if (input is null)
        {
            return null;
        }

        var spatial = kernel.Count;
        if (input.Length != spatial + 2)
        {
            throw new ArgumentException($"A {spatial}-D window needs an input of rank {spatial + 2}, got [{Format(input)}].");
        }

        var result = new long[input.Length];
        result[0] = input[0];
        result[1] = channels;
        for (var i = 0; i < spatial; i++)
        {
            var size = input[i + 2];
            result[i + 2] = size == Unknown
                ? Unknown
                : ((size + pads[i] + pads[i + spatial] - (dilations[i] * (kernel[i] - 1)) - 1) / strides[i]) + 1;
        }

        return result;
    }

    /// <summary>Each axis grown by its ONNX-ordered begin and end pads.</summary>
    public static long[]? Pad(long[]? input, IReadOnlyList<long> pads)
    {
        if (input is null)
        {
            return null;
        }

        if (pads.Count != 2 * input.Length)
        {
            throw new ArgumentException($"Pad needs {2 * input.Length} pads for a rank {input.Length} input, got {pads.Count}.");
        }

        return input.Select((d, i) => d == Unknown ? Unknown : d + pads[i] + pads[i + input.Length]).ToArray();
    }

    /// <summary>The shapes joined along <paramref name="axis"/>.</summary>
    public static long[]? Concat(IReadOnlyList<long[]?> inputs, long axis)
    {
        if (inputs.Any(s => s is null))
        {
            return null;
        }

        var first = inputs[0]!;
        var a = Axis(axis, first.Length);
        var result = (long[])first.Clone();
        result[a] = inputs.Any(s => s![a] == Unknown) ? Unknown : inputs.Sum(s => s![a]);
        for (var i = 0; i < result.Length; i++)
        {
            var known = inputs.Select(s => s![i]).Where(d => d != Unknown).Distinct().ToList();
            if (i != a && known.Count > 1)
            {
                throw new ArgumentException($"Concat along axis {a}: the shapes differ on axis {i} ({string.Join(" vs ", inputs.Select(s => $"[{Format(s!)}]"))}).");
            }

            if (i != a && known.Count == 1)
            {
                result[i] = known[0];
            }
        }

        return result;
    }

    /// <summary>A reduction over <paramref name="axes"/>.</summary>
    public static long[]? Reduce(long[]? input, IReadOnlyList<long> axes, bool keepDims)
    {
        if (input is null)
        {
            return null;
        }

        var reduced = axes.Select(a => Axis(a, input.Length)).ToHashSet();
        return keepDims
            ? input.Select((d, i) => reduced.Contains(i) ? 1 : d).ToArray()
            : input.Where((_, i) => !reduced.Contains(i)).ToArray();
    }

    /// <summary>A matrix product of rank ≥ 2 operands, leading axes broadcast.</summary>
    public static long[]? MatMul(long[]? a, long[]? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            throw new ArgumentException("MatMul shape inference supports operands of rank 2 or more.");
        }

        var batch = Broadcast(a[..^2], b[..^2])!;
        return [.. batch, a[^2], b[^1]];
    }

    /// <summary>The [M,N] output of <c>Gemm</c>.</summary>
    public static long[]? Gemm(long[]? a, long[]? b, bool transA, bool transB)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (a.Length != 2 || b.Length != 2)
        {
            throw new ArgumentException($"Gemm needs 2-D operands, got [{Format(a)}] and [{Format(b)}].");
        }

        return [transA ? a[1] : a[0], transB ? b[0] : b[1]];
    }

    /// <summary>The 2-D shape that <c>Flatten</c> makes.</summary>
    public static long[]? Flatten(long[]? input, long axis)
    {
        if (input is null)
        {
            return null;
        }

        var a = axis < 0 ? axis + input.Length : axis;
        return [Product(input[..(int)a]), Product(input[(int)a..])];
    }

    /// <summary>The shape that <c>Reshape</c> makes (0 copies the input dimension, one -1 is inferred where it can be).</summary>
    public static long[]? Reshape(long[]? input, IReadOnlyList<long> target)
    {
        if (input is null)
        {
            return target.Any(d => d is 0 or Unknown) ? null : [.. target];
        }

        var result = target.Select((d, i) => d == 0 ? input[i] : d).ToArray();
        var inferred = target.ToList().IndexOf(Unknown);
        if (inferred >= 0)
        {
            // Copied dimensions (0) cancel out, known or not: [N,5] -> [0,5,-1] gives [N,5,1].
            var total = Product(input.Where((_, i) => i >= target.Count || target[i] != 0).ToArray());
            var rest = Product(result.Where((_, i) => i != inferred && target[i] != 0).ToArray());
            result[inferred] = total == Unknown || rest == Unknown ? Unknown : total / rest;
        }

        return result;
    }

    /// <summary>The shape after nearest/linear <c>Resize</c> by per-axis scales.</summary>
    public static long[]? Resize(long[]? input, IReadOnlyList<float> scales)
    {
        if (input is null)
        {
            return null;
        }

        if (scales.Count != input.Length)
        {
            throw new ArgumentException($"Resize needs {input.Length} scales, got {scales.Count}.");
        }

        return input.Select((d, i) => d == Unknown ? Unknown : (long)Math.Floor(d * (double)scales[i])).ToArray();
    }

    /// <summary>The dimensions joined by commas, for messages.</summary>
    public static string Format(IEnumerable<long> shape) => string.Join(",", shape);

    private static long Product(long[] dims) => dims.Any(d => d == Unknown) ? Unknown : dims.Aggregate(1L, (p, d) => p * d);

    private static int Axis(long axis, int rank) =>
        axis >= -rank && axis < rank ? (int)(axis < 0 ? axis + rank : axis) : throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis out of range for rank {rank}.");
}

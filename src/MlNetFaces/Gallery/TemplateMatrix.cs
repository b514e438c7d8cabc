using System.Numerics;
using System.Runtime.InteropServices;

namespace MlNetFaces.Gallery;

/// <summary>
/// The templates of a gallery as one float32 matrix in native memory, laid out for SIMD scoring: blocks of
/// W = <see cref="Vector{T}"/>.Count templates, each block stored dimension-major ([block][d][lane]), so one
/// vector FMA advances W dot products at once and no horizontal sums are needed. The squared norms are kept
/// beside; padding lanes have norm +∞ and never win. Scoring a batch of probes is a blocked matrix product
/// (probes × templates) fused with a running top-k per probe, spread over the cores by template range.
/// </summary>
internal sealed unsafe class TemplateMatrix : IDisposable
{
    private static readonly int W = Vector<float>.Count;

    private float* blocks;
    private float* norms;

    public TemplateMatrix(int count, int dimension, Action<int, Span<float>> writeRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Count = count;
        Dimension = dimension;
        BlockCount = (count + W - 1) / W;
        var padded = (long)BlockCount * W;
        blocks = (float*)NativeMemory.AlignedAlloc((nuint)(Math.Max(1, padded * dimension) * sizeof(float)), 64);
        norms = (float*)NativeMemory.AlignedAlloc((nuint)(Math.Max(1, padded) * sizeof(float)), 64);
        if (Bytes > 0)
        {
            GC.AddMemoryPressure(Bytes);
        }
        var row = new float[dimension];
        for (var n = 0L; n < padded; n++)
        {
            if (n < count)
            {
                Array.Clear(row);
                writeRow((int)n, row);
            }

            double norm = 0;
            var target = blocks + Offset(n, 0);
            for (var d = 0; d < dimension; d++)
            {
                var v = n < count ? row[d] : 0f;
                target[(long)d * W] = v;
                norm += (double)v * v;
            }

            norms[n] = n < count ? (float)norm : float.PositiveInfinity;
        }
    }

    ~TemplateMatrix() => Free();

    public int Count { get; }

    public int Dimension { get; }

    public int BlockCount { get; }

    /// <summary>Native bytes held (matrix and norms, with padding).</summary>
    public long Bytes => (long)BlockCount * W * (Dimension + 1) * sizeof(float);

    /// <summary>Copies template <paramref name="n"/> into <paramref name="destination"/>.</summary>
    public void CopyRow(int n, Span<float> destination)
    {
        for (var d = 0; d < Dimension; d++)
        {
            destination[d] = blocks[Offset(n, d)];
        }
    }

    /// <summary>
    /// For each of <paramref name="count"/> probes (row-major in <paramref name="probes"/>), the <paramref name="k"/>
    /// templates with the smallest ‖t‖² − 2 q·t, as (template, score) sorted by score.
    /// </summary>
    public (int Template, float Score)[][] Nearest(ReadOnlySpan<float> probes, int count, int k, int parallelism)
    {
        if (probes.Length != count * Dimension)
        {
            throw new ArgumentException($"Expected {count} × {Dimension} probe values, got {probes.Length}.", nameof(probes));
        }

        k = Math.Min(k, Count);
        var queries = probes.ToArray();
        var work = (long)BlockCount * count;
        var parts = (int)Math.Clamp(Math.Min(parallelism, work / 2048), 1, Math.Max(1, BlockCount));
        var partials = new TopK[parts][];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var first = (int)((long)BlockCount * p / parts);
            var last = (int)((long)BlockCount * (p + 1) / parts);
            partials[p] = Score(queries, count, k, first, last);
        });

        var result = new (int, float)[count][];
        for (var q = 0; q < count; q++)
        {
            result[q] = partials.SelectMany(part => part[q].Items()).OrderBy(x => x.Score).ThenBy(x => x.Template).Take(k).ToArray();
        }

        return result;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private long Offset(long n, int d) => ((n / W * Dimension) + d) * W + (n % W);

    private TopK[] Score(float[] queries, int count, int k, int firstBlock, int lastBlock)
    {
        var tops = Enumerable.Range(0, count).Select(_ => new TopK(k)).ToArray();
        const int TileBlocks = 32; // 32 blocks × W × D floats stay in L2 while every probe passes over them
        var dim = Dimension;
        fixed (float* qs = queries)
        {
            for (var tile = firstBlock; tile < lastBlock; tile += TileBlocks)
            {
                var tileEnd = Math.Min(lastBlock, tile + TileBlocks);
                var q = 0;
                for (; q + 4 <= count; q += 4)
                {
                    var b = tile;
                    for (; b + 2 <= tileEnd; b += 2)
                    {
                        Kernel4x2(qs + ((long)q * dim), dim, b, tops, q);
                    }

                    for (; b < tileEnd; b++)
                    {
                        Kernel4(qs + ((long)q * dim), dim, b, tops, q);
                    }
                }

                for (; q < count; q++)
                {
                    var b = tile;
                    for (; b + 2 <= tileEnd; b += 2)
                    {
                        Kernel1x2(qs + ((long)q * dim), b, tops[q]);
                    }

                    for (; b < tileEnd; b++)
                    {
                        Kernel1(qs + ((long)q * dim), b, tops[q]);
                    }
                }
            }
        }

        return tops;
    }

    // Four probes against two blocks of W templates: 8 independent FMA chains (enough to hide the FMA latency),
    // two template loads and 4 broadcasts per dimension.
    private void Kernel4x2(float* q, int dim, int block, TopK[] tops, int first)
    {
        var t = blocks + ((long)block * Dimension * W);
        var u = t + ((long)Dimension * W);
        Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector<float> b0 = default, b1 = default, b2 = default, b3 = default;
        for (var d = 0; d < Dimension; d++)
        {
            var v = Vector.Load(t + (d * W));
            var w = Vector.Load(u + (d * W));
            var q0 = new Vector<float>(q[d]);
            var q1 = new Vector<float>(q[dim + d]);
            var q2 = new Vector<float>(q[(2 * dim) + d]);
            var q3 = new Vector<float>(q[(3 * dim) + d]);
            a0 = Vector.FusedMultiplyAdd(q0, v, a0);
            b0 = Vector.FusedMultiplyAdd(q0, w, b0);
            a1 = Vector.FusedMultiplyAdd(q1, v, a1);
            b1 = Vector.FusedMultiplyAdd(q1, w, b1);
            a2 = Vector.FusedMultiplyAdd(q2, v, a2);
            b2 = Vector.FusedMultiplyAdd(q2, w, b2);
            a3 = Vector.FusedMultiplyAdd(q3, v, a3);
            b3 = Vector.FusedMultiplyAdd(q3, w, b3);
        }

        var n = Vector.Load(norms + ((long)block * W));
        var m = Vector.Load(norms + ((long)(block + 1) * W));
        var minusTwo = new Vector<float>(-2f);
        Offer(tops[first], Vector.FusedMultiplyAdd(minusTwo, a0, n), block);
        Offer(tops[first], Vector.FusedMultiplyAdd(minusTwo, b0, m), block + 1);
        Offer(tops[first + 1], Vector.FusedMultiplyAdd(minusTwo, a1, n), block);
        Offer(tops[first + 1], Vector.FusedMultiplyAdd(minusTwo, b1, m), block + 1);
        Offer(tops[first + 2], Vector.FusedMultiplyAdd(minusTwo, a2, n), block);
        Offer(tops[first + 2], Vector.FusedMultiplyAdd(minusTwo, b2, m), block + 1);
        Offer(tops[first + 3], Vector.FusedMultiplyAdd(minusTwo, a3, n), block);
        Offer(tops[first + 3], Vector.FusedMultiplyAdd(minusTwo, b3, m), block + 1);
    }

    // One probe against two blocks: 4 independent FMA chains over two template streams.
    private void Kernel1x2(float* q, int block, TopK top)
    {
        var t = blocks + ((long)block * Dimension * W);
        var u = t + ((long)Dimension * W);
        Vector<float> a0 = default, a1 = default, b0 = default, b1 = default;
        var d = 0;
        for (; d + 2 <= Dimension; d += 2)
        {
            var q0 = new Vector<float>(q[d]);
            var q1 = new Vector<float>(q[d + 1]);
            a0 = Vector.FusedMultiplyAdd(q0, Vector.Load(t + (d * W)), a0);
            b0 = Vector.FusedMultiplyAdd(q0, Vector.Load(u + (d * W)), b0);
            a1 = Vector.FusedMultiplyAdd(q1, Vector.Load(t + ((d + 1) * W)), a1);
            b1 = Vector.FusedMultiplyAdd(q1, Vector.Load(u + ((d + 1) * W)), b1);
        }

        for (; d < Dimension; d++)
        {
            var q0 = new Vector<float>(q[d]);
            a0 = Vector.FusedMultiplyAdd(q0, Vector.Load(t + (d * W)), a0);
            b0 = Vector.FusedMultiplyAdd(q0, Vector.Load(u + (d * W)), b0);
        }

        var minusTwo = new Vector<float>(-2f);
        Offer(top, Vector.FusedMultiplyAdd(minusTwo, a0 + a1, Vector.Load(norms + ((long)block * W))), block);
        Offer(top, Vector.FusedMultiplyAdd(minusTwo, b0 + b1, Vector.Load(norms + ((long)(block + 1) * W))), block + 1);
    }

    // Four probes against one block of W templates: 4 accumulators, one template load and 4 FMAs per dimension.
    private void Kernel4(float* q, int dim, int block, TopK[] tops, int first)
    {
        var t = blocks + ((long)block * Dimension * W);
        Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var d = 0; d < Dimension; d++)
        {
            var v = Vector.Load(t + (d * W));
            a0 = Vector.FusedMultiplyAdd(new Vector<float>(q[d]), v, a0);
            a1 = Vector.FusedMultiplyAdd(new Vector<float>(q[dim + d]), v, a1);
            a2 = Vector.FusedMultiplyAdd(new Vector<float>(q[(2 * dim) + d]), v, a2);
            a3 = Vector.FusedMultiplyAdd(new Vector<float>(q[(3 * dim) + d]), v, a3);
        }

        var n = Vector.Load(norms + ((long)block * W));
        var minusTwo = new Vector<float>(-2f);
        Offer(tops[first], Vector.FusedMultiplyAdd(minusTwo, a0, n), block);
        Offer(tops[first + 1], Vector.FusedMultiplyAdd(minusTwo, a1, n), block);
        Offer(tops[first + 2], Vector.FusedMultiplyAdd(minusTwo, a2, n), block);
        Offer(tops[first + 3], Vector.FusedMultiplyAdd(minusTwo, a3, n), block);
    }

    // One probe against one block; two interleaved accumulators hide the FMA latency.
    private void Kernel1(float* q, int block, TopK top)
    {
        var t = blocks + ((long)block * Dimension * W);
        Vector<float> a0 = default, a1 = default;
        var d = 0;
        for (; d + 2 <= Dimension; d += 2)
        {
            a0 = Vector.FusedMultiplyAdd(new Vector<float>(q[d]), Vector.Load(t + (d * W)), a0);
            a1 = Vector.FusedMultiplyAdd(new Vector<float>(q[d + 1]), Vector.Load(t + ((d + 1) * W)), a1);
        }

        for (; d < Dimension; d++)
        {
            a0 = Vector.FusedMultiplyAdd(new Vector<float>(q[d]), Vector.Load(t + (d * W)), a0);
        }

        var n = Vector.Load(norms + ((long)block * W));
        Offer(top, Vector.FusedMultiplyAdd(new Vector<float>(-2f), a0 + a1, n), block);
    }

    private static void Offer(TopK top, Vector<float> scores, int block)
    {
        if (!Vector.LessThanAny(scores, new Vector<float>(top.Worst)))
        {
            return;
        }

        for (var lane = 0; lane < W; lane++)
        {
            top.Offer(scores[lane], (block * W) + lane);
        }
    }

    private void Free()
    {
        if (blocks != null)
        {
            NativeMemory.AlignedFree(blocks);
            NativeMemory.AlignedFree(norms);
            blocks = null;
            norms = null;
            if (Bytes > 0)
            {
                GC.RemoveMemoryPressure(Bytes);
            }
        }
    }

    /// <summary>The k smallest scores seen, kept sorted (k is small: top × templates per identity).</summary>
    private sealed class TopK(int k)
    {
        private readonly float[] scores = new float[k];
        private readonly int[] ids = new int[k];
        private int size;

        public float Worst { get; private set; } = float.PositiveInfinity;

        public void Offer(float score, int id)
        {
            if (!(score < Worst) && size == k)
            {
                return;
            }

            if (float.IsPositiveInfinity(score) || float.IsNaN(score))
            {
                return;
            }

            var i = size < k ? size++ : k - 1;
            while (i > 0 && scores[i - 1] > score)
            {
                scores[i] = scores[i - 1];
                ids[i] = ids[i - 1];
                i--;
            }

            scores[i] = score;
            ids[i] = id;
            if (size == k)
            {
                Worst = scores[k - 1];
            }
        }

        public IEnumerable<(int Template, float Score)> Items()
        {
            for (var i = 0; i < size; i++)
            {
                yield return (ids[i], scores[i]);
            }
        }
    }
}

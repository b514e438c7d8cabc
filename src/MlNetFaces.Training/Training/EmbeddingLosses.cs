using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetFaces.Training;

/// <summary>
/// Batched, vectorised metric-learning losses with online mining over a batch of embeddings [B,D] and identity
/// labels [B] (int64). Triplet losses use squared Euclidean distances, as in <c>max(‖f(A)−f(P)‖² − ‖f(A)−f(N)‖² + α, 0)</c>.
/// </summary>
public static class EmbeddingLosses
{
    private const double Infinity = 1e30;

    /// <summary>All squared Euclidean distances [B,B] of the rows of <paramref name="embeddings"/>, clamped at 0.</summary>
    public static Tensor SquaredDistances(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = NewDisposeScope();
        var squares = embeddings.pow(2).sum(1);
        var d = squares.unsqueeze(1) + squares.unsqueeze(0) - (2 * embeddings.matmul(embeddings.t()));
        return d.clamp_min(0).MoveToOuterDisposeScope();
    }

    /// <summary>The loss of a batch with the options' loss, mining, margins and normalisation.</summary>
    public static LossResult Compute(Tensor embeddings, Tensor labels, EmbeddingLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        if (embeddings.dim() != 2 || labels.dim() != 1 || labels.shape[0] != embeddings.shape[0])
        {
            throw new ArgumentException($"Expected embeddings [B,D] and labels [B], got [{string.Join(',', embeddings.shape)}] and [{string.Join(',', labels.shape)}].");
        }

        using var scope = NewDisposeScope();
        var e = options.Normalize ? F.normalize(embeddings, p: 2, dim: 1) : embeddings;
        var d = SquaredDistances(e);
        var n = e.shape[0];
        var same = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        var positive = same.logical_and(eye(n, dtype: ScalarType.Bool, device: e.device).logical_not());
        var negative = same.logical_not();
        var meanAp = MaskedMean(d, positive);
        var meanAn = MaskedMean(d, negative);
        var (loss, active) = options.Loss switch
        {
            LossKind.Contrastive => Contrastive(d, positive, negative, options.ContrastiveMargin),
            _ => options.Mining switch
            {
                MiningStrategy.BatchAll => BatchAll(d, positive, negative, options),
                MiningStrategy.BatchHard => BatchHard(d, positive, negative, options),
                MiningStrategy.SemiHard => SemiHard(d, positive, negative, options),
                _ => throw new ArgumentOutOfRangeException(nameof(options), $"Unknown mining strategy {options.Mining}."),
            },
        };
        return new LossResult(loss.MoveToOuterDisposeScope(), active, meanAp, meanAn);
    }

    /// <summary>Every valid triplet; hinge: mean over the active ones (Hermans' BA+), soft: mean over all.</summary>
    private static (Tensor Loss, double Active) BatchAll(Tensor d, Tensor positive, Tensor negative, EmbeddingLossOptions options)
    {
        var gap = d.unsqueeze(2) - d.unsqueeze(1); // [a,p,n] = d_ap − d_an
        var valid = positive.unsqueeze(2).logical_and(negative.unsqueeze(1));
        var count = valid.sum().item<long>();
        if (count == 0)
        {
            return (d.sum() * 0, 0);
        }

        var activeMask = valid.logical_and((gap + options.Margin).gt(0));
        var active = activeMask.sum().item<long>();
        if (options.Loss == LossKind.SoftTriplet)
        {
            return (F.softplus(gap).masked_fill(valid.logical_not(), 0).sum() / count, (double)active / count);
        }

        var hinge = (gap + options.Margin).relu().masked_fill(valid.logical_not(), 0);
        return (hinge.sum() / Math.Max(active, 1), (double)active / count);
    }

    /// <summary>Per anchor with a positive and a negative: its farthest positive against its nearest negative.</summary>
    private static (Tensor Loss, double Active) BatchHard(Tensor d, Tensor positive, Tensor negative, EmbeddingLossOptions options)
    {
        var anchors = positive.any(1).logical_and(negative.any(1));
        var count = anchors.sum().item<long>();
        if (count == 0)
        {
            return (d.sum() * 0, 0);
        }

        var hardestPositive = d.masked_fill(positive.logical_not(), -Infinity).amax([1]);
        var hardestNegative = d.masked_fill(negative.logical_not(), Infinity).amin([1]);
        var gap = (hardestPositive - hardestNegative).masked_select(anchors);
        return Reduce(gap, options);
    }

    /// <summary>Every anchor–positive pair against the nearest negative farther than the positive (else the farthest negative).</summary>
    private static (Tensor Loss, double Active) SemiHard(Tensor d, Tensor positive, Tensor negative, EmbeddingLossOptions options)
    {
        var count = positive.sum().item<long>();
        if (count == 0 || !negative.any().item<bool>())
        {
            return (d.sum() * 0, 0);
        }

        var dAn = d.unsqueeze(1).expand(d.shape[0], d.shape[0], d.shape[0]); // [a,p,n] = d_an
        var beyond = negative.unsqueeze(1).logical_and(dAn.gt(d.unsqueeze(2)));
        var nearestBeyond = dAn.masked_fill(beyond.logical_not(), Infinity).amin([2]);
        var farthest = d.masked_fill(negative.logical_not(), -Infinity).amax([1], keepdim: true).expand_as(d);
        var chosen = where(beyond.any(2), nearestBeyond, farthest);
        var gap = (d - chosen).masked_select(positive);
        return Reduce(gap, options);
    }

    /// <summary>Balanced over the classes: ½·mean(d²) over positive pairs + ½·mean(max(m − d, 0)²) over negative pairs.</summary>
    private static (Tensor Loss, double Active) Contrastive(Tensor d, Tensor positive, Tensor negative, double margin)
    {
        var distance = (d + 1e-12).sqrt();
        var pull = d.masked_select(positive);
        var push = (margin - distance).relu().pow(2).masked_select(negative);
        var loss = d.sum() * 0;
        if (pull.NumberOfElements > 0)
        {
            loss += 0.5 * pull.mean();
        }

        if (push.NumberOfElements > 0)
        {
            loss += 0.5 * push.mean();
        }

        var active = push.NumberOfElements == 0 ? 0 : distance.masked_select(negative).lt(margin).to(ScalarType.Float32).mean().item<float>();
        return (loss, active);
    }

    /// <summary>Hinge (mean over all rows) or softplus of the gaps d_ap − d_an.</summary>
    private static (Tensor Loss, double Active) Reduce(Tensor gap, EmbeddingLossOptions options)
    {
        var active = (gap + options.Margin).gt(0).to(ScalarType.Float32).mean().item<float>();
        var loss = options.Loss == LossKind.SoftTriplet ? F.softplus(gap).mean() : (gap + options.Margin).relu().mean();
        return (loss, active);
    }

    private static double MaskedMean(Tensor values, Tensor mask)
    {
        using var noGrad = no_grad();
        using var selected = values.masked_select(mask);
        return selected.NumberOfElements == 0 ? double.NaN : selected.mean().item<float>();
    }
}

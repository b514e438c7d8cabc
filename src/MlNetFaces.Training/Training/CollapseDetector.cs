namespace MlNetFaces.Training;

/// <summary>
/// Watches training for collapse: all embeddings converging to one point, so that every distance is ~0 and the hinge
/// triplet loss sits at α. Over a window of steps it warns (once) when the mean anchor–negative distance stays below
/// <see cref="MinNegativeDistance"/> or the loss stays within 1% of α with all triplets active.
/// </summary>
internal sealed class CollapseDetector(double margin, int window = 20)
{
    /// <summary>Squared distance on unit-norm embeddings (whose range is 0..4) below which negatives count as collapsed.</summary>
    public const double MinNegativeDistance = 1e-3;

    private readonly Queue<TrainingProgress> recent = new();

    public string? Warning { get; private set; }

    /// <summary>Adds a step; returns the warning the first time collapse is seen, else null.</summary>
    public string? Observe(TrainingProgress step)
    {
        ArgumentNullException.ThrowIfNull(step);
        recent.Enqueue(step);
        if (recent.Count > window)
        {
            recent.Dequeue();
        }

        if (Warning is not null || recent.Count < window)
        {
            return null;
        }

        var negative = recent.Average(s => s.MeanNegativeDistance);
        var stuckAtMargin = margin > 0 && recent.All(s => Math.Abs(s.Loss - margin) < 0.01 * margin && s.ActiveFraction > 0.99);
        if (negative < MinNegativeDistance || stuckAtMargin)
        {
            Warning = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Training looks collapsed at epoch {step.Epoch}, step {step.Step}: mean anchor-negative distance {negative:0.####}, loss {recent.Average(s => s.Loss):0.####} (margin {margin}). All embeddings are converging; lower the learning rate, use semi-hard or batch-all mining, or the soft-margin loss.");
            return Warning;
        }

        return null;
    }
}

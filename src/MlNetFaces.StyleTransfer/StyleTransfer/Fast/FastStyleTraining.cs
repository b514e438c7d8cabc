namespace MlNetFaces.StyleTransfer.Fast;

/// <summary>A trained network, the per-iteration losses (per image of a batch) and the training time.</summary>
public sealed record FastStyleTraining(FastStyleNet Network, IReadOnlyList<StyleLosses> History, double Seconds);

namespace MlNetFaces.StyleTransfer;

/// <summary>Reported after each optimisation step: the step (1-based), the losses of the image that step evaluated, the time so far.</summary>
public sealed record StyleProgress(int Step, int Steps, StyleLosses Losses, TimeSpan Elapsed);

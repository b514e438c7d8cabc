using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>
/// A batch's loss (a scalar tensor that carries the gradient) and what the progress bar shows: the fraction of
/// active (non-zero) triplets or pairs and the mean squared anchor–positive and anchor–negative distances.
/// </summary>
public sealed record LossResult(Tensor Loss, double ActiveFraction, double MeanPositiveDistance, double MeanNegativeDistance);

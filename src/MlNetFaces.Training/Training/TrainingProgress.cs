namespace MlNetFaces.Training;

/// <summary>
/// One training step, as the progress bar shows it (distances are squared, on the normalised embeddings): what
/// <see cref="TripletTrainer.Train"/> reports through <see cref="IProgress{T}"/> after every step.
/// </summary>
/// <param name="Epoch">The epoch of the step, from 1.</param>
/// <param name="Epochs">The epochs of the run (<see cref="int.MaxValue"/> when only a time limit ends it).</param>
/// <param name="Step">The step within the epoch, from 1.</param>
/// <param name="StepsPerEpoch">The steps (P×K batches) of an epoch.</param>
/// <param name="Loss">The batch's loss.</param>
/// <param name="ActiveFraction">The fraction of the mined triplets or pairs with a non-zero loss.</param>
/// <param name="MeanPositiveDistance">The mean squared distance of same-identity pairs.</param>
/// <param name="MeanNegativeDistance">The mean squared distance of different-identity pairs.</param>
/// <param name="EmbeddingNorm">The mean L2 norm of the embeddings before normalisation.</param>
/// <param name="Seconds">Training time so far.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double ActiveFraction,
    double MeanPositiveDistance,
    double MeanNegativeDistance,
    double EmbeddingNorm,
    double Seconds);

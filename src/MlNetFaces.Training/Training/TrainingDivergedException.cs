namespace MlNetFaces.Training;

/// <summary>The loss or the embeddings of a training step are not finite (NaN or ±∞): training stopped there.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException()
    {
    }

    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

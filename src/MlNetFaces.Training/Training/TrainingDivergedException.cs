namespace MlNetFaces.Training;

/// <summary>The loss or the embeddings of a training step are not finite (NaN or ±∞): training stopped there.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

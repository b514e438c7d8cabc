namespace MlNetFaces.Models;

/// <summary>Pretrained files are missing, corrupt, or could not be fetched; the message says what to do.</summary>
public sealed class ModelStoreException : Exception
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public ModelStoreException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public ModelStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public ModelStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

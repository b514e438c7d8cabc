namespace MlNetFaces;

/// <summary>An image in which no face was found where one is needed (verification, embedding, enrolment).</summary>
public sealed class FaceNotFoundException : InputException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public FaceNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public FaceNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public FaceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The image, when it came from a file.</summary>
    public string? ImagePath { get; init; }
}

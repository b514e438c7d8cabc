namespace MlNetFaces.Imaging;

/// <summary>A file is missing, empty, not an image, or truncated; the message names the file and the reason.</summary>
public sealed class ImageDecodeException : InputException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public ImageDecodeException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public ImageDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public ImageDecodeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

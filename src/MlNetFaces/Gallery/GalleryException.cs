namespace MlNetFaces.Gallery;

/// <summary>A gallery operation was refused; the message is one line that says why and what to do.</summary>
public sealed class GalleryException : InputException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public GalleryException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public GalleryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public GalleryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with the kind of refusal, so that callers can tell the cases apart without parsing the message.</summary>
    /// <param name="kind">Why the operation was refused.</param>
    /// <param name="message">One line that says why and what to do.</param>
    /// <param name="inner">The exception that caused this one, if any.</param>
    public GalleryException(GalleryErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Why the operation was refused; <see cref="GalleryErrorKind.InvalidArgument"/> unless the constructor named a kind.</summary>
    public GalleryErrorKind Kind { get; } = GalleryErrorKind.InvalidArgument;
}

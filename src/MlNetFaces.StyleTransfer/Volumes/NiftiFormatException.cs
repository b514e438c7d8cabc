namespace MlNetFaces.Volumes;

/// <summary>A NIfTI file that cannot be read: truncated, not NIfTI-1, an unsupported datatype or layout.</summary>
public sealed class NiftiFormatException : InputException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public NiftiFormatException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public NiftiFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public NiftiFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

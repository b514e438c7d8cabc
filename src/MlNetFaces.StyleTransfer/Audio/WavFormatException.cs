namespace MlNetFaces.Audio;

/// <summary>A WAV file that cannot be read: truncated, not RIFF/WAVE, an unsupported encoding, or no samples.</summary>
public sealed class WavFormatException : InputException
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public WavFormatException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public WavFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public WavFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

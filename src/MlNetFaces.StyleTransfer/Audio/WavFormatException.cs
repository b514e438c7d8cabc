namespace MlNetFaces.Audio;

/// <summary>A WAV file that cannot be read: truncated, not RIFF/WAVE, an unsupported encoding, or no samples.</summary>
public sealed class WavFormatException : InputException
{
    public WavFormatException()
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace MlNetFaces.Torch;

/// <summary>libtorch could not be loaded; the message names the cause the dynamic loader gave.</summary>
public sealed class TorchLoadException : Exception
{
    /// <summary>Creates the exception with the runtime's default message.</summary>
    public TorchLoadException()
    {
    }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    /// <param name="message">What went wrong, and where.</param>
    public TorchLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and where.</param>
    /// <param name="inner">The exception that caused this one.</param>
    public TorchLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

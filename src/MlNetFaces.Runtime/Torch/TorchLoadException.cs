namespace MlNetFaces.Torch;

/// <summary>libtorch could not be loaded; the message names the cause the dynamic loader gave.</summary>
public sealed class TorchLoadException : Exception
{
    public TorchLoadException()
    {
    }

    public TorchLoadException(string message)
        : base(message)
    {
    }

    public TorchLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

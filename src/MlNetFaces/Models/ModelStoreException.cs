namespace MlNetFaces.Models;

/// <summary>Pretrained files are missing, corrupt, or could not be fetched; the message says what to do.</summary>
public sealed class ModelStoreException : Exception
{
    public ModelStoreException()
    {
    }

    public ModelStoreException(string message)
        : base(message)
    {
    }

    public ModelStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

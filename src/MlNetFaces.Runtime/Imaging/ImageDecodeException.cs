namespace MlNetFaces.Imaging;

/// <summary>A file is missing, empty, not an image, or truncated; the message names the file and the reason.</summary>
public sealed class ImageDecodeException : InputException
{
    public ImageDecodeException()
    {
    }

    public ImageDecodeException(string message)
        : base(message)
    {
    }

    public ImageDecodeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace MlNetFaces.Gallery;

/// <summary>A gallery operation was refused; the message is one line that says why and what to do.</summary>
public sealed class GalleryException : InputException
{
    public GalleryException()
    {
    }

    public GalleryException(string message)
        : base(message)
    {
    }

    public GalleryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GalleryException(GalleryErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public GalleryErrorKind Kind { get; } = GalleryErrorKind.InvalidArgument;
}

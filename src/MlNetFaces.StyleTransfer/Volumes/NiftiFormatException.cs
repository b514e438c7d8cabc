namespace MlNetFaces.Volumes;

/// <summary>A NIfTI file that cannot be read: truncated, not NIfTI-1, an unsupported datatype or layout.</summary>
public sealed class NiftiFormatException : InputException
{
    public NiftiFormatException()
    {
    }

    public NiftiFormatException(string message)
        : base(message)
    {
    }

    public NiftiFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

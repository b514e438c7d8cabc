namespace MlNetFaces;

/// <summary>An image in which no face was found where one is needed (verification, embedding, enrolment).</summary>
public sealed class FaceNotFoundException : InputException
{
    public FaceNotFoundException()
    {
    }

    public FaceNotFoundException(string message)
        : base(message)
    {
    }

    public FaceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The image, when it came from a file.</summary>
    public string? ImagePath { get; init; }
}

namespace MlNetFaces;

/// <summary>
/// An input or option asks for more than a documented limit (pixels, voxels, samples, steps); the message names the
/// limit, what the run would need, and the option that raises it. Thrown before anything large is allocated.
/// </summary>
public sealed class InputLimitException : InputException
{
    /// <summary>A limit exceeded, with no message.</summary>
    public InputLimitException()
    {
    }

    /// <summary>A limit exceeded, described by <paramref name="message"/>.</summary>
    public InputLimitException(string message)
        : base(message)
    {
    }

    /// <summary>A limit exceeded, described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public InputLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

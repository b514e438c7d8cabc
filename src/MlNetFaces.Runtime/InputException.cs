namespace MlNetFaces;

/// <summary>
/// Bad input the user can fix: a file that is missing, unreadable, malformed, too large or holds values that cannot be
/// used. The message is one line that names the file and the problem; the command line reports it with exit code 2.
/// </summary>
public class InputException : Exception
{
    /// <summary>An input problem with no message.</summary>
    public InputException()
    {
    }

    /// <summary>An input problem described by <paramref name="message"/> (one line, naming the file).</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>An input problem described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public InputException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

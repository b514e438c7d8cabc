namespace MlNetFaces.StyleTransfer;

/// <summary>
/// A style-transfer input or setting asks for more than a documented limit (pixels, samples, voxels, steps). The message
/// is plain (no command-line wording): it names the limit and what the run would need; <see cref="Setting"/> names the
/// options property that sets the value or raises the limit, so that a front end can name its own control for it.
/// Thrown before anything large is allocated.
/// </summary>
public sealed class StyleLimitException : InputException
{
    /// <summary>A limit exceeded, with no message and no setting.</summary>
    public StyleLimitException()
    {
        Setting = string.Empty;
    }

    /// <summary>A limit exceeded, described by <paramref name="message"/>, with no setting.</summary>
    public StyleLimitException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>A limit exceeded, described by <paramref name="message"/>, caused by <paramref name="inner"/>, with no setting.</summary>
    public StyleLimitException(string message, Exception? inner)
        : base(message, inner)
    {
        Setting = inner is StyleLimitException limit ? limit.Setting : string.Empty;
    }

    /// <summary>
    /// A limit exceeded: <paramref name="setting"/> is the options property involved (for example
    /// <c>nameof(VolumeStyleOptions.MaxVoxels)</c>), <paramref name="message"/> the plain one-line description.
    /// </summary>
    public StyleLimitException(string setting, string message)
        : base(message)
    {
        Setting = setting ?? string.Empty;
    }

    /// <summary>
    /// The name of the options property that sets the value over the limit or raises the limit (for example
    /// <c>Steps</c>, <c>Size</c>, <c>StyleScale</c>, <c>SampleRate</c>, <c>Seconds</c>, <c>MaxVoxels</c>); empty when none does.
    /// </summary>
    public string Setting { get; }
}

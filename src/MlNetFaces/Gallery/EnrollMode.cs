namespace MlNetFaces.Gallery;

/// <summary>What enrolment does when the name is already in the gallery.</summary>
public enum EnrollMode
{
    /// <summary>Refuse with <see cref="GalleryErrorKind.DuplicateName"/> (default).</summary>
    New,

    /// <summary>Drop the identity's templates and store the new ones.</summary>
    Replace,

    /// <summary>Add the new templates to the existing ones (a new identity is created when absent).</summary>
    Append,
}

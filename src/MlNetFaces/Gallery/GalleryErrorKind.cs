namespace MlNetFaces.Gallery;

/// <summary>Why a gallery operation was refused (see <see cref="GalleryException"/>).</summary>
public enum GalleryErrorKind
{
    /// <summary>The gallery file does not exist (and was not to be created).</summary>
    NotFound,

    /// <summary>The file is not an MlNetFaces gallery (not SQLite, or another application's database).</summary>
    NotAGallery,

    /// <summary>The gallery was written by a newer MlNetFaces with a schema this build cannot read.</summary>
    SchemaTooNew,

    /// <summary>The gallery holds embeddings of a different model (or dimension) than the caller's.</summary>
    ModelMismatch,

    /// <summary>An identity of that name is already enrolled.</summary>
    DuplicateName,

    /// <summary>No identity of that name is enrolled.</summary>
    UnknownName,

    /// <summary>The name is empty, too long, has control characters, or is reserved ("unknown").</summary>
    InvalidName,

    /// <summary>An embedding has the wrong length, a NaN/∞, or is all zeros.</summary>
    InvalidEmbedding,

    /// <summary>An enrolment image has no face.</summary>
    NoFace,

    /// <summary>An enrolment image has several faces and the caller did not say which one to take.</summary>
    SeveralFaces,

    /// <summary>A value given to the gallery is out of range (threshold, top-k, empty template list).</summary>
    InvalidArgument,
}

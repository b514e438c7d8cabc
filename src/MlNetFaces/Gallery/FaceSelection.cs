namespace MlNetFaces.Gallery;

/// <summary>Which face of an enrolment image to take.</summary>
public enum FaceSelection
{
    /// <summary>The image must show exactly one face; several faces are refused (<see cref="GalleryErrorKind.SeveralFaces"/>).</summary>
    RequireOne,

    /// <summary>The largest face (by detection box area) when there are several.</summary>
    Largest,

    /// <summary>
    /// The face the photo is about, by the rule that verification uses (<see cref="Embedding.CentralFaceFinder"/>):
    /// an image that <c>verify</c> accepts is accepted, whatever other faces it shows.
    /// </summary>
    Central,
}

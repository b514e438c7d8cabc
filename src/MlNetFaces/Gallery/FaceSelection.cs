namespace MlNetFaces.Gallery;

/// <summary>Which face of an enrolment image to take.</summary>
public enum FaceSelection
{
    /// <summary>The image must show exactly one face; several faces are refused (<see cref="GalleryErrorKind.SeveralFaces"/>).</summary>
    RequireOne,

    /// <summary>The largest face (by detection box area) when there are several.</summary>
    Largest,
}

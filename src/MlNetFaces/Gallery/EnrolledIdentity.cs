namespace MlNetFaces.Gallery;

/// <summary>What <see cref="GalleryEnrollment.EnrollImages"/> stored: the identity, and the face it took from each image.</summary>
public sealed record EnrolledIdentity(GalleryIdentity Identity, IReadOnlyList<Face> Faces);

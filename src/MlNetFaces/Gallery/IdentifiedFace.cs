using MlNetFaces.Faces;

namespace MlNetFaces.Gallery;

/// <summary>A face found in a probe image and the gallery's answer for it.</summary>
public sealed record IdentifiedFace(Face Face, GalleryMatch Match);

namespace MlNetFaces.Gallery;

/// <summary>One identity of a top-k list and its distance (its best template's Euclidean distance to the probe).</summary>
public sealed record GalleryCandidate(string Identity, float Distance);

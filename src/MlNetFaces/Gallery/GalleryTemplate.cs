namespace MlNetFaces.Gallery;

/// <summary>A stored template: row id, identity name, embedding, source and whether it is the mean of several.</summary>
public sealed record GalleryTemplate(long Id, string Identity, float[] Embedding, string? Source, bool Averaged);

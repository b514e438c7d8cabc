namespace MlNetFaces.Gallery;

/// <summary>One embedding to enrol and where it came from (an image path, "photo.jpg#2", ...).</summary>
public sealed record GalleryTemplateInput(float[] Embedding, string? Source = null);

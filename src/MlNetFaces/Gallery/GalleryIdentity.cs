namespace MlNetFaces.Gallery;

/// <summary>An enrolled person: name, how many templates, when first enrolled (UTC, ISO 8601).</summary>
public sealed record GalleryIdentity(string Name, int Templates, string EnrolledUtc);

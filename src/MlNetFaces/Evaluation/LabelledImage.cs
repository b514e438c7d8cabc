namespace MlNetFaces.Evaluation;

/// <summary>An image file and the identity (folder name) it shows.</summary>
public sealed record LabelledImage(string Identity, string Path);

namespace MlNetFaces.Models;

/// <summary>One file of a pretrained package: its path inside the package and its pinned SHA-256.</summary>
public sealed record PretrainedFile(string PackagePath, string Sha256)
{
    /// <summary>The file name in the model store (the last path segment).</summary>
    public string FileName => PackagePath[(PackagePath.LastIndexOf('/') + 1)..];
}

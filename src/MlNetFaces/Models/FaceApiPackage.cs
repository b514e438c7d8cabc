using MlNetFaces.Weights;

namespace MlNetFaces.Models;

/// <summary>
/// The npm package <c>@vladmandic/face-api@1.7.15</c> (MIT; the recognition weights are dlib's, public domain):
/// the pretrained face nets and six demo photos, each pinned by SHA-256.
/// </summary>
public static class FaceApiPackage
{
    /// <summary>The npm package name.</summary>
    public const string Name = "@vladmandic/face-api";
    /// <summary>The pinned package version.</summary>
    public const string Version = "1.7.15";
    /// <summary>The package as <c>npm pack</c> takes it: <c>NAME@VERSION</c>.</summary>
    public const string Spec = Name + "@" + Version;

    /// <summary>The id recorded with embeddings so that results from different nets never mix.</summary>
    public const string RecognitionModelId = "face-api-1.7.15/face_recognition_model";

    /// <summary>The SSD MobileNetV1 face detector (its weights are this name + <c>-weights_manifest.json</c>).</summary>
    public const string SsdMobilenetV1 = "ssd_mobilenetv1_model";
    /// <summary>The Tiny YOLOv2 face detector (its weights are this name + <c>-weights_manifest.json</c>).</summary>
    public const string TinyFaceDetector = "tiny_face_detector_model";
    /// <summary>The 68-point landmark net (its weights are this name + <c>-weights_manifest.json</c>).</summary>
    public const string FaceLandmark68 = "face_landmark_68_model";
    /// <summary>The tiny 68-point landmark net (its weights are this name + <c>-weights_manifest.json</c>).</summary>
    public const string FaceLandmark68Tiny = "face_landmark_68_tiny_model";
    /// <summary>The 8-bit copy of dlib's ResNet-29 recognition net (its weights are this name + <c>-weights_manifest.json</c>).</summary>
    public const string FaceRecognition = "face_recognition_model";

    /// <summary>Every pinned file, from the manifest embedded in <see cref="FaceApiWeights"/> (one source for the build and the store).</summary>
    public static IReadOnlyList<PretrainedFile> Files { get; } = ParseManifest(FaceApiWeights.Manifest());

    internal static IReadOnlyList<PretrainedFile> ParseManifest(string manifest) =>
        manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => new PretrainedFile(parts[1], parts[0]))
            .ToList();

    /// <summary>The six demo photos shipped with the package, in order.</summary>
    public static IReadOnlyList<string> DemoImages { get; } =
        ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];
}

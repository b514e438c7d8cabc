namespace MlNetFaces.Models;

/// <summary>
/// The npm package <c>@vladmandic/face-api@1.7.15</c> (MIT; the recognition weights are dlib's, public domain):
/// the pretrained face nets and six demo photos, each pinned by SHA-256.
/// </summary>
public static class FaceApiPackage
{
    public const string Name = "@vladmandic/face-api";
    public const string Version = "1.7.15";
    public const string Spec = Name + "@" + Version;

    /// <summary>The id recorded with embeddings so that results from different nets never mix.</summary>
    public const string RecognitionModelId = "face-api-1.7.15/face_recognition_model";

    public const string SsdMobilenetV1 = "ssd_mobilenetv1_model";
    public const string TinyFaceDetector = "tiny_face_detector_model";
    public const string FaceLandmark68 = "face_landmark_68_model";
    public const string FaceLandmark68Tiny = "face_landmark_68_tiny_model";
    public const string FaceRecognition = "face_recognition_model";

    public static IReadOnlyList<PretrainedFile> Files { get; } =
    [
        new("package/model/ssd_mobilenetv1_model-weights_manifest.json", "888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955"),
        new("package/model/ssd_mobilenetv1_model.bin", "2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8"),
        new("package/model/tiny_face_detector_model-weights_manifest.json", "5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5"),
        new("package/model/tiny_face_detector_model.bin", "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871"),
        new("package/model/face_landmark_68_model-weights_manifest.json", "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9"),
        new("package/model/face_landmark_68_model.bin", "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b"),
        new("package/model/face_landmark_68_tiny_model-weights_manifest.json", "9a1a5dd19fd814fd5095c3cb58f8e0d3193b8c5b9a6715b30a69d559aea31ad4"),
        new("package/model/face_landmark_68_tiny_model.bin", "b98e9f2f7da76f8a6dda9741a36ed485b224b889d552de2b2c1bb16217f67bfc"),
        new("package/model/face_recognition_model-weights_manifest.json", "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b"),
        new("package/model/face_recognition_model.bin", "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589"),
        new("package/demo/sample1.jpg", "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51"),
        new("package/demo/sample2.jpg", "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691"),
        new("package/demo/sample3.jpg", "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936"),
        new("package/demo/sample4.jpg", "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc"),
        new("package/demo/sample5.jpg", "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938"),
        new("package/demo/sample6.jpg", "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"),
        new("package/LICENSE", "9a3442b79acaf4fbc7c2e07b7e2d8f84af9bb3871bf08a69d80304ab00640e9a"),
    ];

    /// <summary>The six demo photos shipped with the package, in order.</summary>
    public static IReadOnlyList<string> DemoImages { get; } =
        ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];
}

namespace MlNetFaces;

/// <summary>Whose numbers the face pipeline reproduces.</summary>
public enum FaceCompatibility
{
    /// <summary>
    /// MlNetFaces' own settings (the default): dlib's float32 weights, dlib's face chip, and the face rule that looks
    /// again inside a border and with the tiny detector when a photo seems to have no face.
    /// </summary>
    Default,

    /// <summary>
    /// Exactly face-api.js's <c>detectAllFaces().withFaceLandmarks().withFaceDescriptors()</c>: its 8-bit weights, its
    /// axis-aligned crop (including how it clips at the image border) and a single detection pass. For searching
    /// descriptors that face-api.js computed (browser apps, Node services); slightly less accurate than the default.
    /// </summary>
    FaceApiJs,
}

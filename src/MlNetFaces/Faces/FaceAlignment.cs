namespace MlNetFaces.Faces;

/// <summary>How the pipeline turns 68 landmarks into the 150×150 chip the recognition net sees.</summary>
public enum FaceAlignment
{
    /// <summary>
    /// dlib's <c>get_face_chip_details(shape, 150, 0.25)</c>: a similarity transform (rotation, scale, shift) that
    /// puts the landmarks on dlib's mean face, sampled bilinearly. The chips the net was trained on (the default).
    /// </summary>
    DlibChip,

    /// <summary>face-api's <c>alignDlib</c>: an axis-aligned square around eyes and mouth (face-api.js parity).</summary>
    FaceApi,
}

namespace MlNetFaces;

/// <summary>Which copy of dlib's face recognition ResNet weights the recognition net uses.</summary>
public enum RecognitionWeights
{
    /// <summary>
    /// dlib's own float32 weights (<see cref="Models.DlibModelsPackage"/>, shipped in MlNetFaces.Weights.Dlib; the
    /// default): on LFW they verify a few more pairs than the 8-bit copy.
    /// </summary>
    DlibFloat32,

    /// <summary>
    /// face-api's 8-bit quantised copy of the same net (each weight within half a quantisation step of dlib's): the
    /// numbers face-api.js computes, for galleries enrolled before dlib's weights became the default and for
    /// face-api.js compatibility.
    /// </summary>
    FaceApi8Bit,
}

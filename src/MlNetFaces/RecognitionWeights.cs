namespace MlNetFaces;

/// <summary>Which copy of dlib's face recognition ResNet weights the recognition net uses.</summary>
public enum RecognitionWeights
{
    /// <summary>face-api's 8-bit quantised copy (shipped with the library; the default).</summary>
    FaceApi8Bit,

    /// <summary>dlib's own float32 weights (<see cref="Models.DlibModelsPackage"/>, fetched with npm on first use).</summary>
    DlibFloat32,
}

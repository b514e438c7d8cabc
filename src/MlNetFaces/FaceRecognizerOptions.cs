using MlNetFaces.Models;

namespace MlNetFaces;

/// <summary>Options of <see cref="FaceRecognizer"/>; the defaults are the settings that <c>mlnetfaces evaluate</c> measures.</summary>
public sealed class FaceRecognizerOptions
{
    /// <summary>The face detector: SSD MobileNetV1 (default, the accurate one) or Tiny YOLOv2 (faster, misses small faces).</summary>
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>"cpu" (default) or "cuda[:N]" (needs the CUDA libtorch).</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Where the pretrained files live; null: the default store, filled from the embedded weights on first use.</summary>
    public ModelStore? Store { get; set; }

    /// <summary>Same person when the descriptor distance is below this (default <see cref="FaceDistance.SamePersonThreshold"/>).</summary>
    public double Threshold { get; set; } = FaceDistance.SamePersonThreshold;

    /// <summary>
    /// Which copy of the recognition weights: dlib's float32 (default) or face-api's 8-bit copy (for descriptors stored
    /// before dlib's weights became the default). <see cref="FaceCompatibility.FaceApiJs"/> implies the 8-bit copy.
    /// </summary>
    public RecognitionWeights Weights { get; set; } = RecognitionWeights.DlibFloat32;

    /// <summary>
    /// <see cref="FaceCompatibility.FaceApiJs"/>: descriptors equal to face-api.js's (its weights, crop and single
    /// detection pass), to search descriptors that face-api.js computed. Default: MlNetFaces' more accurate settings.
    /// </summary>
    public FaceCompatibility Compatibility { get; set; } = FaceCompatibility.Default;
}

using MlNetFaces.Imaging;

namespace MlNetFaces.Faces;

/// <summary>Finds faces in an image; boxes are in pixels of the image, sorted by descending score.</summary>
public interface IFaceDetector
{
    /// <summary>Detections scoring at or below this are dropped before non-maximum suppression.</summary>
    double MinScore { get; set; }

    IReadOnlyList<FaceDetection> Detect(RgbImage image);
}

using MlNetFaces.Imaging;

namespace MlNetFaces.Faces;

/// <summary>Finds faces in an image; boxes are in pixels of the image, sorted by descending score.</summary>
public interface IFaceDetector
{
    /// <summary>
    /// The faces of <paramref name="image"/> scoring above <paramref name="minScore"/> (detections at or below it are
    /// dropped before non-maximum suppression). The detector itself is not changed, so one instance can serve every
    /// caller of the process whatever threshold each uses.
    /// </summary>
    IReadOnlyList<FaceDetection> Detect(RgbImage image, double minScore);
}

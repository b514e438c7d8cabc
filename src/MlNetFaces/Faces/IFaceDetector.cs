using MlNetFaces.Imaging;

namespace MlNetFaces.Faces;

/// <summary>Finds faces in an image; boxes are in pixels of the image, sorted by descending score.</summary>
public interface IFaceDetector
{
    IReadOnlyList<FaceDetection> Detect(RgbImage image);
}

using MlNetFaces.Imaging;

namespace MlNetFaces;

/// <summary>
/// One face found in an image: detection box and score, 68 landmarks (image pixels), the box the descriptor
/// was computed from, the aligned 150×150 crop the recognition net saw, and the 128-D descriptor.
/// </summary>
public sealed record Face(
    FaceBox Box,
    float Score,
    IReadOnlyList<PointD> Landmarks,
    FaceBox AlignedBox,
    RgbImage AlignedCrop,
    float[] Descriptor);

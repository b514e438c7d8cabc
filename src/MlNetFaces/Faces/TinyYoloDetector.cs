using MlNetFaces.Imaging;
using MlNetFaces.Inference;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's tiny face detection around the net on any engine: each image zero-padded at the bottom/right to a square
/// and resized to the input size, the raw head [N,25,S/32,S/32] decoded as face-api's <c>extractBoxes</c>, then NMS and
/// pixel boxes.
/// </summary>
internal sealed class TinyYoloDetector(IFaceNetRunner net, int inputSize) : IFaceDetector
{
    private const double IouThreshold = 0.4;
    private const int BoxEncodingSize = 5;

    private static readonly (double X, double Y)[] Anchors =
    [
        (1.603231, 2.094468), (6.041143, 7.080126), (2.882459, 3.518061), (4.266906, 5.178857), (9.041765, 10.66308),
    ];

    public IReadOnlyList<FaceDetection> Detect(RgbImage image, double minScore) => Detect([image], minScore)[0];

    /// <summary>Faces in each image, from one run of the net over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images, double minScore)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return [];
        }

        var head = NetInput.RunOnSquares(net, images, inputSize)[0];
        var grid = inputSize / 32;
        var perImage = grid * grid * Anchors.Length * BoxEncodingSize;
        return images.Select((image, n) => ToDetections(image, head.AsSpan(n * perImage, perImage), grid, minScore)).ToList();
    }

    /// <summary>face-api's <c>extractBoxes</c> (the NCHW head of one image), NMS and the conversion to pixels.</summary>
    private List<FaceDetection> ToDetections(RgbImage image, ReadOnlySpan<float> head, int grid, double minScore)
    {
        // Correction for the zero padding, with the rounded size of the resized image as face-api uses it.
        var scale = (double)inputSize / Math.Max(image.Width, image.Height);
        var reshapedWidth = Math.Floor((image.Width * scale) + 0.5);
        var reshapedHeight = Math.Floor((image.Height * scale) + 0.5);
        var size = Math.Max(reshapedWidth, reshapedHeight);
        var correctionX = size / reshapedWidth;
        var correctionY = size / reshapedHeight;

        var cells = grid * grid;
        var boxes = new List<FaceBox>();
        var scores = new List<float>();
        for (var row = 0; row < grid; row++)
        {
            for (var col = 0; col < grid; col++)
            {
                var cell = (row * grid) + col;
                for (var a = 0; a < Anchors.Length; a++)
                {
                    var channel = a * BoxEncodingSize;
                    var score = Sigmoid(head[((channel + 4) * cells) + cell]);
                    if (score <= minScore)
                    {
                        continue;
                    }

                    var centerX = (col + Sigmoid(head[(channel * cells) + cell])) / grid * correctionX;
                    var centerY = (row + Sigmoid(head[((channel + 1) * cells) + cell])) / grid * correctionY;
                    var width = Math.Exp(head[((channel + 2) * cells) + cell]) * Anchors[a].X / grid * correctionX;
                    var height = Math.Exp(head[((channel + 3) * cells) + cell]) * Anchors[a].Y / grid * correctionY;
                    boxes.Add(new FaceBox(centerX - (width / 2), centerY - (height / 2), width, height));
                    scores.Add((float)score);
                }
            }
        }

        return NonMaxSuppression.Select(boxes, scores, IouThreshold)
            .Select(k => new FaceDetection(
                new FaceBox(boxes[k].X * image.Width, boxes[k].Y * image.Height, boxes[k].Width * image.Width, boxes[k].Height * image.Height),
                scores[k]))
            .ToList();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

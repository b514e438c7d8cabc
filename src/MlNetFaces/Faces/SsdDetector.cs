using MlNetFaces.Imaging;
using MlNetFaces.Inference;

namespace MlNetFaces.Faces;

/// <summary>
/// face-api's SSD face detection around the net on any engine: each image zero-padded at the bottom/right to a square
/// and resized to 512, the net's decoded boxes and scores, then the score threshold, NMS and pixel boxes of
/// <c>locateFaces</c>.
/// </summary>
internal sealed class SsdDetector(IFaceNetRunner net, int maxResults) : IFaceDetector
{
    private const double IouThreshold = 0.5;

    public IReadOnlyList<FaceDetection> Detect(RgbImage image, double minScore) => Detect([image], minScore)[0];

    /// <summary>Faces in each image, from one run of the net over the whole batch.</summary>
    public IReadOnlyList<IReadOnlyList<FaceDetection>> Detect(IReadOnlyList<RgbImage> images, double minScore)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return [];
        }

        const int size = SsdMobilenetV1.InputSize;
        var outputs = NetInput.RunOnSquares(net, images, size);
        float[] boxes = outputs[0], scores = outputs[1];
        var count = scores.Length / images.Count;
        return images.Select((image, n) => ToDetections(image, boxes.AsSpan(n * count * 4, count * 4), scores.AsSpan(n * count, count), minScore)).ToList();
    }

    /// <summary>Score threshold, NMS and the conversion to pixels of one image, as face-api's <c>locateFaces</c>.</summary>
    private List<FaceDetection> ToDetections(RgbImage image, ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, double minScore)
    {
        var candidates = new List<int>();
        var rects = new List<FaceBox>();
        var candidateScores = new List<float>();
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] > minScore)
            {
                candidates.Add(j);
                candidateScores.Add(scores[j]);
                rects.Add(new FaceBox(boxes[(4 * j) + 1], boxes[4 * j], boxes[(4 * j) + 3] - boxes[(4 * j) + 1], boxes[(4 * j) + 2] - boxes[4 * j]));
            }
        }

        var kept = NonMaxSuppression.Select(rects, candidateScores, IouThreshold, maxResults);

        // face-api maps the square back with the rounded size of the resized image, not the exact one.
        var scale = (double)SsdMobilenetV1.InputSize / Math.Max(image.Width, image.Height);
        var padX = SsdMobilenetV1.InputSize / Math.Floor((image.Width * scale) + 0.5);
        var padY = SsdMobilenetV1.InputSize / Math.Floor((image.Height * scale) + 0.5);
        var result = new List<FaceDetection>(kept.Count);
        foreach (var k in kept)
        {
            var j = candidates[k];
            var top = Math.Max(0, boxes[4 * j]) * padY;
            var left = Math.Max(0, boxes[(4 * j) + 1]) * padX;
            var bottom = Math.Min(1, boxes[(4 * j) + 2]) * padY;
            var right = Math.Min(1, boxes[(4 * j) + 3]) * padX;
            var box = new FaceBox(left * image.Width, top * image.Height, (right - left) * image.Width, (bottom - top) * image.Height);
            result.Add(new FaceDetection(box, scores[j]));
        }

        return result;
    }
}

using MlNetFaces.Imaging;
using static TorchSharp.torch;

namespace MlNetFaces.Faces;

/// <summary>
/// Image → faces: detection, 68 landmarks on the detection crop, alignment (dlib's face chip by default, or
/// face-api's axis-aligned box), 150×150 crop and 128-D descriptor. With <see cref="FaceAlignment.FaceApi"/> this is
/// exactly face-api's <c>detectAllFaces().withFaceLandmarks().withFaceDescriptors()</c>.
/// Landmarks and descriptors of all faces of all images run batched.
/// </summary>
public sealed class FacePipeline
{
    private const int LandmarkSize = 112;
    private const int RecognitionSize = 150;

    /// <summary>dlib's padding around the mean face for its recognition net (dnn_face_recognition_ex).</summary>
    private const double DlibChipPadding = 0.25;

    public FacePipeline(FacePipelineOptions? options = null)
    {
        Options = options ?? new FacePipelineOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.BatchSize);
        if (Options.DetectionMargin is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"DetectionMargin must lie in [0,2], got {Options.DetectionMargin}.");
        }

        if (Options.MinConfidence is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MinConfidence must lie in [0,1], got {Options.MinConfidence}.");
        }

        Models = FaceModels.Get(Options.Store, Options.Device);
    }

    public FacePipelineOptions Options { get; }

    public FaceModels Models { get; }

    /// <summary>
    /// Detections only (boxes and scores), no landmarks or descriptors. The face rule of every command: the detector
    /// runs on the image as it is. When it finds nothing and <see cref="FacePipelineOptions.RetryWhenNoFace"/> is on,
    /// it runs again inside a black border of <see cref="CloseUpMargin"/> of the longer side, where faces that fill
    /// the frame become small enough for its boxes; when the SSD still finds nothing, the tiny detector is asked the
    /// same two ways. Photos with a face found in the first pass (group photos, wide shots) are not changed. A
    /// <see cref="FacePipelineOptions.DetectionMargin"/> above 0 adds its border to every pass.
    /// </summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var noGrad = no_grad();
        var found = DetectRetrying(Models.Detector(Options.Detector), image);
        return found.Count > 0 || !Options.RetryWhenNoFace || Options.Detector == DetectorKind.Tiny
            ? found
            : DetectRetrying(Models.Tiny, image);
    }

    /// <summary>The border of the second pass, as a fraction of the longer side (see <see cref="Detect"/>).</summary>
    public const double CloseUpMargin = 0.5;

    private List<FaceDetection> DetectRetrying(IFaceDetector detector, RgbImage image)
    {
        var found = DetectInBorder(detector, image, Options.DetectionMargin);
        return found.Count > 0 || !Options.RetryWhenNoFace || Options.DetectionMargin >= CloseUpMargin
            ? found
            : DetectInBorder(detector, image, CloseUpMargin);
    }

    private List<FaceDetection> DetectInBorder(IFaceDetector detector, RgbImage image, double fraction)
    {
        if (fraction == 0)
        {
            return [.. detector.Detect(image, Options.MinConfidence)];
        }

        // A border around a large photo would copy it at a multiple of its size (a 100-megapixel photo: 1.2 GB);
        // the detector sees 512 pixels of the bordered image anyway, so first shrink the photo to BorderedLongestSide.
        var scale = Math.Min(1.0, (double)BorderedLongestSide / Math.Max(image.Width, image.Height));
        var source = scale < 1 ? Shrink(image, scale) : image;
        var margin = (int)Math.Round(fraction * Math.Max(source.Width, source.Height));
        return detector.Detect(source.WithMargin(margin), Options.MinConfidence)
            .Select(d => d with { Box = new FaceBox((d.Box.X - margin) / scale, (d.Box.Y - margin) / scale, d.Box.Width / scale, d.Box.Height / scale) })
            .ToList();
    }

    /// <summary>Photos larger than this (longer side) are shrunk before a border is added around them.</summary>
    private const int BorderedLongestSide = 1024;

    private static RgbImage Shrink(RgbImage image, double scale)
    {
        using var scope = NewDisposeScope();
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        using var bytes = image.ToByteTensor();
        var small = Torch.TfOps.ResizeBilinearLegacy(bytes, height, width).round().clamp(0, 255).to(ScalarType.Byte);
        var hwc = small[0].permute(1, 2, 0).contiguous();
        return new RgbImage(width, height, hwc.data<byte>().ToArray());
    }

    public IReadOnlyList<Face> Analyze(RgbImage image) => Analyze([image])[0];

    /// <summary>All faces of each image, in detection order (descending score).</summary>
    public IReadOnlyList<IReadOnlyList<Face>> Analyze(IReadOnlyList<RgbImage> images) => Analyze(images, null);

    /// <summary>
    /// The faces of each image that <paramref name="select"/> keeps of its detections (all when null); landmarks and
    /// descriptors run only for those.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Face>> Analyze(IReadOnlyList<RgbImage> images, Func<RgbImage, IReadOnlyList<FaceDetection>, IEnumerable<FaceDetection>>? select)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var found = new List<(int Image, FaceDetection Detection, (int X, int Y, int W, int H) Crop)>();
        var tensors = new Tensor[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            tensors[i] = images[i].ToByteTensor();
            var detections = Detect(images[i]);
            foreach (var detection in select is null ? detections : select(images[i], detections))
            {
                if (FaceCrops.ClipAndFloor(detection.Box, images[i].Width, images[i].Height) is { } crop)
                {
                    found.Add((i, detection, crop));
                }
            }
        }

        var landmarkInputs = found.Select(f => Slice(tensors[f.Image], f.Crop)).ToList();
        var rawLandmarks = RunBatched(Models.Landmarks, landmarkInputs, LandmarkSize);

        var aligned = new List<(int Face, FaceBox Box, Tensor Crop)>();
        var points = new PointD[found.Count][];
        for (var f = 0; f < found.Count; f++)
        {
            var (image, detection, crop) = found[f];
            points[f] = LandmarkDecoding.ToImagePoints(rawLandmarks[f], crop.W, crop.H, detection.Box.X, detection.Box.Y);
            if (Options.Alignment == FaceAlignment.DlibChip)
            {
                var transform = DlibChip.Fit(points[f], RecognitionSize, DlibChipPadding);
                aligned.Add((f, transform.Bounds(RecognitionSize), DlibChip.Extract(tensors[image], transform, RecognitionSize)));
                continue;
            }

            var box = FaceCrops.DlibAlignBox(points[f], crop.W, crop.H);
            if (FaceCrops.ClipAndFloor(box, images[image].Width, images[image].Height) is { } alignCrop)
            {
                aligned.Add((f, box, NetInput.ToSquare(Slice(tensors[image], alignCrop), RecognitionSize, center: true)));
            }
        }

        var descriptors = RunBatched(Models.RecognitionNet(Options.RecognitionWeights), aligned.Select(a => a.Crop).ToList(), RecognitionSize);
        var result = images.Select(_ => new List<Face>()).ToArray();
        for (var a = 0; a < aligned.Count; a++)
        {
            var (f, box, crop) = aligned[a];
            var (image, detection, _) = found[f];
            result[image].Add(new Face(detection.Box, detection.Score, points[f], box, ToImage(crop), descriptors[a]));
        }

        return result;
    }

    /// <summary>Descriptors of face crops that are already aligned (any size; padded and resized to 150×150).</summary>
    public float[][] Describe(IReadOnlyList<RgbImage> alignedCrops)
    {
        ArgumentNullException.ThrowIfNull(alignedCrops);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var inputs = alignedCrops.Select(c => c.ToTensor()).ToList();
        return RunBatched(Models.RecognitionNet(Options.RecognitionWeights), inputs, RecognitionSize);
    }

    private float[][] RunBatched(nn.Module<Tensor, Tensor> net, List<Tensor> crops, int size)
    {
        var rows = new List<float[]>(crops.Count);
        for (var start = 0; start < crops.Count; start += Options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var chunk = crops.Skip(start).Take(Options.BatchSize);
            using var batch = NetInput.ToBatch(chunk, size, center: true);
            using var output = net.forward(batch.to(Models.Device)).cpu();
            var width = (int)output.shape[1];
            var flat = output.data<float>().ToArray();
            for (var r = 0; r < output.shape[0]; r++)
            {
                rows.Add(flat.AsSpan(r * width, width).ToArray());
            }
        }

        return rows.ToArray();
    }

    private static Tensor Slice(Tensor image, (int X, int Y, int W, int H) crop) =>
        image.slice(2, crop.Y, crop.Y + crop.H, 1).slice(3, crop.X, crop.X + crop.W, 1);

    private static RgbImage ToImage(Tensor chw)
    {
        using var bytes = chw.squeeze(0).round().clamp(0, 255).permute(1, 2, 0).to(ScalarType.Byte).contiguous();
        return new RgbImage((int)chw.shape[3], (int)chw.shape[2], bytes.data<byte>().ToArray());
    }
}

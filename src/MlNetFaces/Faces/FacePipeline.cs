using MlNetFaces.Imaging;
using MlNetFaces.Inference;

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

    /// <summary>
    /// A pipeline with the given options (default: SSD, dlib's chip and float32 weights, ONNX Runtime on the CPU), on the
    /// process's shared models of its store; the detector starts loading in the background at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
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

        ArgumentOutOfRangeException.ThrowIfNegative(Options.IntraOpThreads);
        Models = FaceModels.Get(Options.Store, Options.Device, Options.Engine, Options.IntraOpThreads);
        Models.LoadInBackground(Options.Detector, landmarks: false, recognitionWeights: null);
    }

    /// <summary>The options this pipeline was made with (not copied: change them only before use).</summary>
    public FacePipelineOptions Options { get; }

    /// <summary>The shared nets of the pipeline's store, device and engine.</summary>
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
        var found = DetectRetrying(Models.Detector(Options.Detector), image);
        return found.Count > 0 || !Options.RetryWhenNoFace || Options.Detector == DetectorKind.Tiny
            ? found
            : DetectRetrying(Models.Detector(DetectorKind.Tiny), image);
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
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var planar = new float[3 * width * height];
        NetInput.Resize(image, new PixelRegion(0, 0, image.Width, image.Height), height, width, default, planar);
        return NetInput.ToImage(planar, width, height);
    }

    /// <summary>All faces of one image, in detection order (descending score).</summary>
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
        Models.LoadInBackground(detector: null, landmarks: true, Options.RecognitionWeights); // while detection runs
        var found = new List<(int Image, FaceDetection Detection, PixelRegion Crop)>();
        for (var i = 0; i < images.Count; i++)
        {
            var detections = Detect(images[i]);
            foreach (var detection in select is null ? detections : select(images[i], detections))
            {
                if (FaceCrops.ClipAndFloor(detection.Box, images[i].Width, images[i].Height) is { } crop)
                {
                    found.Add((i, detection, new PixelRegion(crop.X, crop.Y, crop.Width, crop.Height)));
                }
            }
        }

        var rawLandmarks = RunBatched(Models.LandmarkRunner, found.Count, LandmarkSize, (f, into) => NetInput.ToSquare(images[found[f].Image], found[f].Crop, LandmarkSize, center: true, into));

        var aligned = new List<(int Face, FaceBox Box, Action<Span<float>> Sample)>();
        var points = new PointD[found.Count][];
        for (var f = 0; f < found.Count; f++)
        {
            var (image, detection, crop) = found[f];
            var source = images[image];
            points[f] = LandmarkDecoding.ToImagePoints(rawLandmarks[f], crop.Width, crop.Height, detection.Box.X, detection.Box.Y);
            if (Options.Alignment == FaceAlignment.DlibChip)
            {
                var transform = DlibChip.Fit(points[f], RecognitionSize, DlibChipPadding);
                aligned.Add((f, transform.Bounds(RecognitionSize), into => DlibChip.Extract(source, transform, RecognitionSize, into)));
                continue;
            }

            var box = FaceCrops.DlibAlignBox(points[f], crop.Width, crop.Height);
            if (FaceCrops.ClipAndFloor(box, source.Width, source.Height) is { } alignCrop)
            {
                var region = new PixelRegion(alignCrop.X, alignCrop.Y, alignCrop.Width, alignCrop.Height);
                aligned.Add((f, box, into => NetInput.ToSquare(source, region, RecognitionSize, center: true, into)));
            }
        }

        var plane = 3 * RecognitionSize * RecognitionSize;
        using var chips = new PooledFloats(aligned.Count * plane);
        for (var a = 0; a < aligned.Count; a++)
        {
            aligned[a].Sample(chips.Span.Slice(a * plane, plane));
        }

        var descriptors = RunBatched(Models.RecognitionRunner(Options.RecognitionWeights), aligned.Count, RecognitionSize, (a, into) => chips.Span.Slice(a * plane, plane).CopyTo(into));
        var result = images.Select(_ => new List<Face>()).ToArray();
        for (var a = 0; a < aligned.Count; a++)
        {
            var (f, box, _) = aligned[a];
            var (image, detection, _) = found[f];
            var chip = NetInput.ToImage(chips.Span.Slice(a * plane, plane), RecognitionSize, RecognitionSize);
            result[image].Add(new Face(detection.Box, detection.Score, points[f], box, chip, descriptors[a]));
        }

        return result;
    }

    /// <summary>Descriptors of face crops that are already aligned (any size; padded and resized to 150×150).</summary>
    public float[][] Describe(IReadOnlyList<RgbImage> alignedCrops)
    {
        ArgumentNullException.ThrowIfNull(alignedCrops);
        return RunBatched(
            Models.RecognitionRunner(Options.RecognitionWeights),
            alignedCrops.Count,
            RecognitionSize,
            (i, into) => NetInput.ToSquare(alignedCrops[i], new PixelRegion(0, 0, alignedCrops[i].Width, alignedCrops[i].Height), RecognitionSize, center: true, into));
    }

    /// <summary>The net's rows for <paramref name="count"/> inputs of size×size, filled by <paramref name="fill"/>, in batches of <see cref="FacePipelineOptions.BatchSize"/>.</summary>
    private float[][] RunBatched(IFaceNetRunner net, int count, int size, SpanFiller fill)
    {
        var rows = new List<float[]>(count);
        var plane = 3 * size * size;
        for (var start = 0; start < count; start += Options.BatchSize)
        {
            var n = Math.Min(Options.BatchSize, count - start);
            using var batch = new PooledFloats(n * plane);
            for (var i = 0; i < n; i++)
            {
                fill(start + i, batch.Span.Slice(i * plane, plane));
            }

            var output = net.Run(batch.Array, n, size)[0];
            var width = output.Length / n;
            for (var r = 0; r < n; r++)
            {
                rows.Add(output.AsSpan(r * width, width).ToArray());
            }
        }

        return rows.ToArray();
    }

    private delegate void SpanFiller(int index, Span<float> destination);
}

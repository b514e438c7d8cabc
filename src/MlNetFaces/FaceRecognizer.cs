using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Embedding;

namespace MlNetFaces;

/// <summary>
/// Face recognition in a few lines: verify two photos, detect every face of a photo, embed the face a photo is about.
/// <code>
/// using var faces = new FaceRecognizer();
/// FaceVerification r = faces.Verify("a.jpg", "b.jpg");   // r.Distance, r.Threshold, r.IsSamePerson
/// IReadOnlyList&lt;Face&gt; found = faces.Detect("group.jpg"); // boxes, scores, landmarks, descriptors
/// float[] e = faces.Embed("a.jpg");                      // the central face's 128-D descriptor
/// </code>
/// Verify and Embed take the face the photo is about (the best-scoring face containing the image centre, found with
/// a detection border and the tiny detector as fallback: the settings of <c>mlnetfaces evaluate</c>); Detect lists all
/// faces. <see cref="FaceRecognizerOptions.Compatibility"/> gives face-api.js's numbers instead. The pretrained nets
/// are loaded once per process and shared; a recognizer is cheap and thread-safe.
/// </summary>
public sealed class FaceRecognizer : IDisposable
{
    private readonly FacePipeline all;
    private readonly CentralFaceFinder central;
    private bool disposed;

    /// <summary>Loads (once per process) the pretrained nets that <paramref name="options"/> name.</summary>
    public FaceRecognizer(FaceRecognizerOptions? options = null)
    {
        Options = options ?? new FaceRecognizerOptions();
        if (!(Options.Threshold > 0) || double.IsInfinity(Options.Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Threshold must be a positive number, got {Options.Threshold}.");
        }

        var listing = new FacePipelineOptions { Detector = Options.Detector, Device = Options.Device, Store = Options.Store, RecognitionWeights = Options.Weights };
        var centred = FaceEmbedder.PipelineOptions(Options.Detector, Options.Device, Options.Store);
        centred.RecognitionWeights = Options.Weights;
        all = new FacePipeline(listing.UseCompatibility(Options.Compatibility));
        central = new CentralFaceFinder(new FacePipeline(centred.UseCompatibility(Options.Compatibility)));
    }

    /// <summary>The options this recognizer was made with.</summary>
    public FaceRecognizerOptions Options { get; }

    /// <summary>Are the central faces of two image files the same person?</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="ImageDecodeException">A file is not a readable image.</exception>
    /// <exception cref="FaceNotFoundException">An image has no face.</exception>
    public FaceVerification Verify(string imagePath1, string imagePath2) =>
        Compare(Embed(imagePath1), Embed(imagePath2));

    /// <summary>Are the central faces of two decoded images the same person?</summary>
    public FaceVerification Verify(RgbImage image1, RgbImage image2) =>
        Compare(Embed(image1), Embed(image2));

    /// <summary>Every face of an image file: box, score, 68 landmarks and descriptor, in detection order.</summary>
    public IReadOnlyList<Face> Detect(string imagePath) => Detect(Load(imagePath));

    /// <summary>Every face of a decoded image.</summary>
    public IReadOnlyList<Face> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(disposed, this);
        return all.Analyze(image);
    }

    /// <summary>The 128-D descriptor of the face an image file is about.</summary>
    /// <exception cref="FaceNotFoundException">The image has no face.</exception>
    public float[] Embed(string imagePath)
    {
        var image = Load(imagePath);
        return EmbedCentral(image) ?? throw new FaceNotFoundException($"{imagePath}: no face found.") { ImagePath = imagePath };
    }

    /// <summary>The 128-D descriptor of the face a decoded image is about.</summary>
    /// <exception cref="FaceNotFoundException">The image has no face.</exception>
    public float[] Embed(RgbImage image) =>
        EmbedCentral(image ?? throw new ArgumentNullException(nameof(image))) ?? throw new FaceNotFoundException("No face found in the image.");

    /// <summary>Nothing native is held per recognizer (the nets are shared by the process); calls after this throw.</summary>
    public void Dispose() => disposed = true;

    private FaceVerification Compare(float[] a, float[] b) => new(FaceDistance.Euclidean(a, b), Options.Threshold);

    private float[]? EmbedCentral(RgbImage image)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return central.Find([image])[0]?.Descriptor;
    }

    private static RgbImage Load(string imagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        if (!File.Exists(imagePath))
        {
            throw new FileNotFoundException($"{imagePath}: file not found.", imagePath);
        }

        return ImageDecoder.Load(imagePath);
    }
}

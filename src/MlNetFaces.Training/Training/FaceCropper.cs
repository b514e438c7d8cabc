using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Embedding;

namespace MlNetFaces.Training;

/// <summary>
/// Image file → the 150×150 RGB crop of a <see cref="FaceCropMode"/>, cached on disk by content hash
/// (<see cref="FaceCropCache"/>), so each image runs through the face pipeline once.
/// </summary>
public sealed class FaceCropper
{
    private readonly Lazy<CentralFaceFinder> finder;

    /// <summary>A cropper; its face pipeline is created on the first image that needs one.</summary>
    /// <param name="mode">How the crop is cut (aligned on landmarks, or the whole image resized, ...).</param>
    /// <param name="cache">Where crops are kept between runs; null to compute every crop.</param>
    /// <param name="pipelineOptions">Detector options; those of <see cref="FaceEmbedder.PipelineOptions"/> when null.</param>
    public FaceCropper(FaceCropMode mode, FaceCropCache? cache = null, FacePipelineOptions? pipelineOptions = null)
    {
        Mode = mode;
        Cache = cache;
        finder = new(() => new CentralFaceFinder(new FacePipeline(pipelineOptions ?? FaceEmbedder.PipelineOptions())));
    }

    /// <summary>How the crop is cut.</summary>
    public FaceCropMode Mode { get; }

    /// <summary>The disk cache of crops, or null.</summary>
    public FaceCropCache? Cache { get; }

    /// <summary>The cache id of a mode: the detector-and-alignment model for <see cref="FaceCropMode.Align"/>.</summary>
    public static string ModeId(FaceCropMode mode) => mode switch
    {
        FaceCropMode.Align => "align-face-api-1.7.15-v3-ssd",
        FaceCropMode.Resize => "resize",
        FaceCropMode.CenterHalf => "center-half",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The crop, or null with the reason (file missing or unreadable, no face).</summary>
    public (RgbImage? Crop, string? Problem) Crop(string path)
    {
        if (!File.Exists(path))
        {
            return (null, "file not found");
        }

        var key = EmbeddingCache.ContentKey(path);
        if (Cache is not null && Cache.TryGet(ModeId(Mode), key, out var cached))
        {
            return cached is null ? (null, "no face found") : (cached, null);
        }

        RgbImage image;
        try
        {
            image = ImageDecoder.Load(path);
        }
        catch (ImageDecodeException ex)
        {
            // The decoder's message starts with the path: the caller names the file itself.
            return (null, ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message);
        }

        var crop = Crop(image);
        Cache?.Add(ModeId(Mode), key, crop);
        return crop is null ? (null, "no face found") : (crop, null);
    }

    /// <summary>The crop of a decoded image, or null when <see cref="FaceCropMode.Align"/> finds no face.</summary>
    public RgbImage? Crop(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (Mode)
        {
            case FaceCropMode.Align:
                return finder.Value.Find([image])[0]?.AlignedCrop;
            case FaceCropMode.CenterHalf:
                var side = Math.Max(1, Math.Min(image.Width, image.Height) / 2);
                return Square(image.Crop((image.Width - side) / 2, (image.Height - side) / 2, side, side));
            default:
                return Square(image);
        }
    }

    /// <summary>Zero-padded to a square (centred as <see cref="NetInput.ToSquare(RgbImage, int, bool)"/>) and resized with SkiaSharp.</summary>
    private static RgbImage Square(RgbImage image)
    {
        var side = Math.Max(image.Width, image.Height);
        var square = image;
        if (image.Width != image.Height)
        {
            var diff = side - Math.Min(image.Width, image.Height);
            var before = diff - (int)Math.Floor((diff / 2.0) + 0.5);
            var (x0, y0) = image.Width < image.Height ? (before, 0) : (0, before);
            var pixels = new byte[side * side * 3];
            for (var y = 0; y < image.Height; y++)
            {
                Buffer.BlockCopy(image.Pixels, y * image.Width * 3, pixels, (((y + y0) * side) + x0) * 3, image.Width * 3);
            }

            square = new RgbImage(side, side, pixels);
        }

        return ImageResizer.Resize(square, EmbeddingNetwork.InputSize, EmbeddingNetwork.InputSize);
    }
}

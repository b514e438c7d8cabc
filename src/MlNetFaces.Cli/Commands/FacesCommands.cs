using System.CommandLine;
using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;

namespace MlNetFaces.Cli.Commands;

/// <summary><c>detect</c> and <c>embed</c>: faces (box, score, 68 landmarks[, 128-D embedding]) per image.</summary>
internal static class FacesCommands
{
    public static Command CreateDetect() => Create("detect", "Detect faces and their 68 landmarks.", withEmbedding: false);

    public static Command CreateEmbed() => Create("embed", "Detect faces and compute their 128-D descriptors.", withEmbedding: true);

    /// <summary>Checks every image's header, then decodes them all (for the few images of one call, such as an enrolment).</summary>
    public static List<(string Path, RgbImage Image)> LoadAll(IReadOnlyList<string> paths) =>
        DecodeEach(CheckAll(paths)).ToList();

    /// <summary>
    /// Reads the header of every image (missing, empty, a folder, not an image, over the pixel limit: exit 2 before any
    /// model work) without decoding any.
    /// </summary>
    public static IReadOnlyList<CheckedImage> CheckAll(IReadOnlyList<string> paths) =>
        paths.Select(path =>
        {
            var (width, height) = ImageDecoder.ReadSize(path);
            return new CheckedImage(path, (long)width * height);
        }).ToList();

    /// <summary>
    /// Decodes the images as the caller goes, the next one on a worker thread while the caller works on the current
    /// one (decoding a 1,920-pixel JPEG takes about as long as detecting its faces). At most two decoded images are
    /// held at once, and none ahead when either is large (16 megapixels and more): after a large image the garbage
    /// collector runs before the next is decoded, as the runtime would otherwise keep several freed photos of hundreds
    /// of megabytes each. A file that fails to decode throws when its turn comes, with the decoder's own exception.
    /// </summary>
    public static IEnumerable<(string Path, RgbImage Image)> DecodeEach(IEnumerable<CheckedImage> images)
    {
        const long LargeImagePixels = 16_000_000;
        using var next = images.GetEnumerator();
        if (!next.MoveNext())
        {
            yield break;
        }

        var current = next.Current;
        Task<RgbImage>? ahead = null;
        while (true)
        {
            var image = ahead is null ? ImageDecoder.Load(current.Path) : ahead.GetAwaiter().GetResult();
            var large = current.Pixels >= LargeImagePixels;
            var following = next.MoveNext() ? next.Current : (CheckedImage?)null;
            ahead = following is { } f && !large && f.Pixels < LargeImagePixels ? Task.Run(() => ImageDecoder.Load(f.Path)) : null;
            yield return (current.Path, image);
            if (large)
            {
                image = null;
                GC.Collect();
            }

            if (following is not { } nextImage)
            {
                yield break;
            }

            current = nextImage;
        }
    }

    private static Command Create(string name, string description, bool withEmbedding)
    {
        var images = CommonOptions.Images();
        var json = CommonOptions.Json();
        var faceOptions = new FaceCliOptions();
        var minConfidence = CommonOptions.MinConfidence();
        var command = faceOptions.AddTo(new Command(name, description) { images, json, minConfidence });
        command.SetAction(parse =>
        {
            var paths = CheckAll(parse.GetValue(images)!);
            var options = faceOptions.Listing(parse);
            options.MinConfidence = parse.GetValue(minConfidence);
            var pipeline = new FacePipeline(options);
            var results = new List<ImageJson>();
            using var progress = new ProgressBar(name, paths.Count, enabled: paths.Count > 3);
            foreach (var (path, image) in DecodeEach(paths))
            {
                var faces = pipeline.Analyze(image);
                results.Add(new ImageJson(path, image.Width, image.Height, faces.Select(f => JsonOutput.ToJson(f, withEmbedding)).ToList()));
                progress.Advance();
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new ImagesJson(results));
            }
            else
            {
                PrintTable(results, withEmbedding);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static void PrintTable(IEnumerable<ImageJson> results, bool withEmbedding)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var image in results)
        {
            Console.WriteLine(string.Create(c, $"{image.Path}  {image.Width}x{image.Height}  {image.Faces.Count} face(s)"));
            for (var i = 0; i < image.Faces.Count; i++)
            {
                var f = image.Faces[i];
                var box = string.Join(' ', f.Box.Select(v => v.ToString("0.0", c)));
                var line = string.Create(c, $"  #{i}  score {f.Score:0.000}  box [{box}]");
                if (withEmbedding && f.Embedding is { } e)
                {
                    var norm = Math.Sqrt(e.Sum(v => (double)v * v));
                    line += string.Create(c, $"  embedding [{e[0]:0.000} {e[1]:0.000} {e[2]:0.000} ... ] |e|={norm:0.000}");
                }

                Console.WriteLine(line);
            }
        }
    }
}

/// <summary>An image file whose header <see cref="FacesCommands.CheckAll"/> read: its path and pixel count.</summary>
internal readonly record struct CheckedImage(string Path, long Pixels);

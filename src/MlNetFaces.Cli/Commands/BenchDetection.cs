using MlNetFaces.Faces;
using MlNetFaces.Imaging;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// Where detection's time goes on one engine: the SSD and tiny detectors per photo (median over the photos, and on the
/// 1920×1280 one), and the SSD's parts on that photo: resizing to the net's input, the net, and the rest
/// (threshold, NMS, pixel boxes).
/// </summary>
internal static class BenchDetection
{
    public static void Add(Dictionary<string, object> figures, FacePipeline pipeline, IReadOnlyList<string> paths, IReadOnlyList<RgbImage> photos, int reps)
    {
        var ssd = pipeline.Models.Detector(DetectorKind.Ssd);
        var tiny = pipeline.Models.Detector(DetectorKind.Tiny);
        var minScore = pipeline.Options.MinConfidence;
        var perPhoto = photos.Select(p => BenchCommand.Median(reps, () => ssd.Detect(p, minScore))).ToList();
        figures["ssd_ms_per_photo_median"] = perPhoto.Order().ElementAt(perPhoto.Count / 2);
        var index = photos.ToList().FindIndex(p => p.Width == 1920 && p.Height == 1280);
        if (index < 0)
        {
            return;
        }

        var large = photos[index];
        figures["decode_ms_per_1920x1280"] = BenchCommand.Median(reps, () => ImageDecoder.Load(paths[index]));

        figures["ssd_ms_per_1920x1280"] = BenchCommand.Median(reps, () => ssd.Detect(large, minScore));
        figures["tiny_ms_per_1920x1280"] = BenchCommand.Median(reps, () => tiny.Detect(large, minScore));
        const int size = SsdMobilenetV1.InputSize;
        var input = NetInput.ToSquare(large, size, center: false);
        var resize = BenchCommand.Median(reps, () => NetInput.ToSquare(large, size, center: false));
        var net = BenchCommand.Median(reps, () => pipeline.Models.SsdRunner.Run(input, 1, size));
        figures["ssd_parts_ms_per_1920x1280"] = new Dictionary<string, object>
        {
            ["resize_to_512"] = resize,
            ["net"] = net,
            ["rest"] = BenchCommand.Round(Math.Max(0, (double)figures["ssd_ms_per_1920x1280"] - resize - net)),
        };
    }
}

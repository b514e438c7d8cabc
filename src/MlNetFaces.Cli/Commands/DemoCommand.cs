using System.CommandLine;
using System.Globalization;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.IO;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>demo</c>: the main job on an embedded default. Fetches the models, runs the face pipeline on the
/// package's six demo photos, prints the faces and the pairs under the threshold, and writes annotated
/// images, aligned crops and an HTML report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => "mlnetfaces-demo" };
        var threshold = new Option<double>("--threshold") { Description = "Same-person distance threshold.", DefaultValueFactory = _ => VerifyCommand.DefaultThreshold };
        var device = CommonOptions.Device();
        var models = CommonOptions.Models();
        var command = new Command("demo", "Run the face pipeline, one-shot identification and a style transfer on the demo images and write an HTML report.") { output, threshold, device, models };
        command.SetAction(parse => Run(
            parse.GetValue(output)!,
            parse.GetValue(threshold),
            new FacePipelineOptions { Device = parse.GetValue(device)!, Store = CommonOptions.Store(parse.GetValue(models)) }));
        return command;
    }

    private static int Run(string outDir, double threshold, FacePipelineOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pipeline = new FacePipeline(options);
        var store = pipeline.Models.Store;
        Directory.CreateDirectory(Path.Combine(outDir, "faces"));

        var entries = new List<DemoReport.Entry>();
        using (var progress = new ProgressBar("demo", FaceApiPackage.DemoImages.Count))
        {
            foreach (var name in FaceApiPackage.DemoImages)
            {
                var image = ImageDecoder.Load(store.PathOf(name));
                var faces = pipeline.Analyze(image);
                var stem = Path.GetFileNameWithoutExtension(name);
                var annotated = $"{stem}-annotated.jpg";
                FaceAnnotator.Save(image, faces, Path.Combine(outDir, annotated), (i, f) => $"{stem}#{i} {f.Score:0.00}");
                var crops = new List<string>();
                for (var i = 0; i < faces.Count; i++)
                {
                    var crop = $"faces/{stem}-face{i}.png";
                    ImageEncoder.Save(faces[i].AlignedCrop, Path.Combine(outDir, crop));
                    crops.Add(crop);
                }

                entries.Add(new DemoReport.Entry(stem, image.Width, image.Height, annotated, faces, crops));
                progress.Advance();
            }
        }

        Console.WriteLine(string.Create(c, $"{"face",-12} {"score",6}  box [x y w h]"));
        foreach (var e in entries)
        {
            for (var i = 0; i < e.Faces.Count; i++)
            {
                var b = e.Faces[i].Box;
                Console.WriteLine(string.Create(c, $"{e.Stem + "#" + i,-12} {e.Faces[i].Score,6:0.000}  [{b.X:0} {b.Y:0} {b.Width:0} {b.Height:0}]"));
            }
        }

        var pairs = DemoReport.Pairs(entries).Where(p => p.Distance < threshold).OrderBy(p => p.Distance).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{pairs.Count} pair(s) under the threshold {threshold:0.##} (same person):"));
        foreach (var p in pairs)
        {
            Console.WriteLine(string.Create(c, $"  {p.A,-12} {p.B,-12} {p.Distance:0.0000}"));
        }

        var group = entries.MaxBy(e => e.Faces.Count)!;
        var (enrolled, answers) = DemoIdentification.Run(pipeline, entries, ImageDecoder.Load(store.PathOf(group.Stem + ".jpg")), group.Stem, outDir);
        Console.WriteLine();
        DemoIdentification.Print(enrolled, answers, group.Faces.Count);

        Console.WriteLine();
        var style = DemoStyle.Run(outDir);

        var report = Path.Combine(outDir, "index.html");
        AtomicFile.WriteAllText(report, DemoReport.Html(entries, threshold, clock.Elapsed, DemoIdentification.Html(enrolled, answers) + style));
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{entries.Sum(e => e.Faces.Count)} faces in {entries.Count} photos, {clock.Elapsed.TotalSeconds:0.0} s. Report: {Path.GetFullPath(report)}"));
        return CliApp.Ok;
    }
}

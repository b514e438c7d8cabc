using System.Globalization;
using System.Net;
using System.Text;
using MlNetFaces.Faces;
using MlNetFaces.Gallery;
using MlNetFaces.Imaging;
using MlNetFaces.Embedding;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The demo's one-shot identification: every face of the photo with the most faces is enrolled (one image per
/// person) in an in-memory gallery, and every face of the other photos is identified against it.
/// </summary>
internal static class DemoIdentification
{
    public sealed record Answer(string Probe, string ProbeCrop, string Identity, string? IdentityCrop, float Distance);

    /// <summary>
    /// The rejection threshold: what <c>gallery calibrate --pairs pairs.txt --far 0.001</c> measured on LFW View 2
    /// (dlib chips; 5,998 of the 6,000 pairs had a face in both images): distance 0.5613, false-accept rate 0.1%,
    /// true-accept rate 95.0%. The demo photos show different people, and dlib's 0.6 accepts some of them as the same.
    /// </summary>
    public const double Threshold = 0.56;

    /// <summary>
    /// Enrols the faces of the photo with the most faces, then identifies the faces of the other photos (other people:
    /// they should be unknown) and of a new image of the enrolled people (that photo mirrored at 70% size).
    /// </summary>
    public static (string Enrolled, IReadOnlyList<Answer> Answers) Run(FacePipeline pipeline, IReadOnlyList<DemoReport.Entry> entries, RgbImage enrolledPhoto, string enrolledStem, string outDir)
    {
        var enrolled = entries.Single(e => e.Stem == enrolledStem);
        using var gallery = FaceGallery.CreateInMemory(GalleryEnrollment.PipelineModelId);
        GalleryEnrollment.EnrollFaces(gallery, enrolled.Stem, enrolled.Faces, i => $"{enrolled.Stem}#{i}");
        var snapshot = gallery.Snapshot().WithThreshold(new GalleryThreshold(Threshold, true, "LFW pairs.txt, FAR 0.001"));
        using var index = new GalleryIndex(snapshot);
        var crops = enrolled.Faces.Select((_, i) => ($"{enrolled.Stem}#{i}", enrolled.Crops[i])).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

        var mirrored = FaceEmbedder.Flip(ImageResizer.Resize(enrolledPhoto, enrolledPhoto.Width * 7 / 10, enrolledPhoto.Height * 7 / 10));
        var stem = enrolled.Stem + "-mirrored";
        var mirroredFaces = pipeline.Analyze(mirrored);
        var mirroredCrops = mirroredFaces.Select((f, i) =>
        {
            var crop = $"faces/{stem}-face{i}.png";
            ImageEncoder.Save(f.AlignedCrop, Path.Combine(outDir, crop));
            return crop;
        }).ToList();
        var probes = entries.Where(e => !ReferenceEquals(e, enrolled))
            .Append(new DemoReport.Entry(stem, mirrored.Width, mirrored.Height, string.Empty, mirroredFaces, mirroredCrops));
        var answers = new List<Answer>();
        foreach (var entry in probes)
        {
            var matches = entry.Faces.Count == 0 ? [] : index.Search(entry.Faces.Select(f => f.Descriptor).ToList(), top: 1);
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                answers.Add(new Answer($"{entry.Stem}#{i}", entry.Crops[i], m.Identity, crops.GetValueOrDefault(m.Identity), m.Distance));
            }
        }

        return (enrolled.Stem, answers);
    }

    public static void Print(string enrolled, IReadOnlyList<Answer> answers, int people)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Identification: {people} people enrolled from {enrolled} (one image each), threshold {Threshold:0.###} (LFW, FAR 0.1%);"));
        Console.WriteLine($"the faces of the other photos (other people) and of {enrolled} mirrored at 70% size (the same people):");
        foreach (var a in answers)
        {
            Console.WriteLine(string.Create(c, $"  {a.Probe,-12} -> {a.Identity,-12} {a.Distance:0.0000}"));
        }
    }

    public static string Html(string enrolled, IReadOnlyList<Answer> answers)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder()
            .Append(c, $"<h2>One-shot identification</h2><p>Each face of {WebUtility.HtmlEncode(enrolled)} is enrolled as one person from that single image; ")
            .Append(c, $"the faces of the other photos (other people) and of that photo mirrored at 70% size (the same people) are identified against them, ")
            .Append(c, $"or <i>unknown</i> when the nearest distance is above {Threshold:0.###} (calibrated on LFW for a 0.1% false-accept rate).</p>")
            .Append("<table><tr><th>probe</th><th></th><th>answer</th><th></th><th>distance</th></tr>");
        foreach (var a in answers)
        {
            var answerCrop = a.IdentityCrop is null ? string.Empty : $"<img class=\"crop\" src=\"{a.IdentityCrop}\">";
            html.Append(c, $"<tr><td><img class=\"crop\" src=\"{a.ProbeCrop}\"></td><td>{a.Probe}</td><td>{answerCrop}</td><td>{WebUtility.HtmlEncode(a.Identity)}</td><td>{a.Distance:0.000}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }
}

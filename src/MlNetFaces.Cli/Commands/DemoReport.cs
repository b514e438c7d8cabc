using System.Globalization;
using System.Net;
using System.Text;
using MlNetFaces.Faces;

namespace MlNetFaces.Cli.Commands;

/// <summary>The demo's HTML report: annotated photos, aligned crops, and the distance matrix as a heat map.</summary>
internal static class DemoReport
{
    public sealed record Entry(string Stem, int Width, int Height, string Annotated, IReadOnlyList<Face> Faces, IReadOnlyList<string> Crops);

    public sealed record Pair(string A, string B, double Distance);

    public static IEnumerable<Pair> Pairs(IReadOnlyList<Entry> entries)
    {
        var all = Labelled(entries).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                yield return new Pair(all[i].Label, all[j].Label, FaceDistance.Euclidean(all[i].Face.Descriptor, all[j].Face.Descriptor));
            }
        }
    }

    public static string Html(IReadOnlyList<Entry> entries, double threshold, TimeSpan elapsed, string sections)
    {
        var c = CultureInfo.InvariantCulture;
        var all = Labelled(entries).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MlNetFaces demo</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}img.photo{max-width:640px;border:1px solid #ccc}")
            .Append("table{border-collapse:collapse}td,th{padding:2px 6px;text-align:center;font-size:12px}")
            .Append("img.crop{width:64px;height:64px}.same{outline:2px solid #0a0}</style></head><body>")
            .Append("<h1>MlNetFaces demo</h1>")
            .Append(c, $"<p>{all.Count} faces in {entries.Count} photos in {elapsed.TotalSeconds:0.0} s. ")
            .Append(c, $"Detector: SSD MobileNetV1; descriptors: dlib ResNet-29 (128-D); same person when distance &lt; {threshold:0.##}.</p>");

        html.Append("<h2>Distances between all faces</h2><table><tr><th></th>");
        foreach (var f in all)
        {
            html.Append(c, $"<th><img class=\"crop\" src=\"{f.Crop}\" title=\"{f.Label}\"><br>{f.Label}</th>");
        }

        html.Append("</tr>");
        foreach (var row in all)
        {
            html.Append(c, $"<tr><th><img class=\"crop\" src=\"{row.Crop}\"><br>{row.Label}</th>");
            foreach (var col in all)
            {
                var d = FaceDistance.Euclidean(row.Face.Descriptor, col.Face.Descriptor);
                var shade = (int)Math.Clamp(255 * d / 1.2, 0, 255);
                var same = d < threshold && !ReferenceEquals(row.Face, col.Face) ? " class=\"same\"" : string.Empty;
                html.Append(c, $"<td{same} style=\"background:rgb({shade},{shade},255)\">{d:0.00}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>").Append(sections);
        foreach (var e in entries)
        {
            html.Append(c, $"<h2>{WebUtility.HtmlEncode(e.Stem)} ({e.Width}×{e.Height}, {e.Faces.Count} faces)</h2>")
                .Append(c, $"<img class=\"photo\" src=\"{e.Annotated}\"><table><tr><th>face</th><th>aligned crop</th><th>score</th><th>box [x y w h]</th></tr>");
            for (var i = 0; i < e.Faces.Count; i++)
            {
                var b = e.Faces[i].Box;
                html.Append(c, $"<tr><td>{e.Stem}#{i}</td><td><img class=\"crop\" src=\"{e.Crops[i]}\"></td><td>{e.Faces[i].Score:0.000}</td>")
                    .Append(c, $"<td>{b.X:0} {b.Y:0} {b.Width:0} {b.Height:0}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static IEnumerable<(string Label, Face Face, string Crop)> Labelled(IReadOnlyList<Entry> entries) =>
        entries.SelectMany(e => e.Faces.Select((f, i) => ($"{e.Stem}#{i}", f, e.Crops[i])));
}

// Shared by every notebook (#load "notebook-setup.csx", after the #r of the packages): where the data are, and how to
// show an image or a table.
using System.IO;
using Microsoft.DotNet.Interactive;
using MlNetFaces.Imaging;

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetFaces.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

/// <summary>The repository (found upwards from the working directory), else the working directory.</summary>
var RepoRoot = FindRepoRoot();

/// <summary>The data root of the tests: $MLNETFACES_DATA, else ../shared/data beside the repository.</summary>
var DataRoot = Environment.GetEnvironmentVariable("MLNETFACES_DATA") is { Length: > 0 } d
    ? d
    : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

/// <summary>A path under the data root; when it is absent, stops the notebook with one clear line.</summary>
string DataPath(params string[] parts)
{
    var path = Path.Combine([DataRoot, .. parts]);
    if (!File.Exists(path) && !Directory.Exists(path))
    {
        throw new FileNotFoundException($"{path} is absent: set MLNETFACES_DATA to the data folder (default ../shared/data) to run this notebook.");
    }

    return path;
}

/// <summary>Displays an image as image/png.</summary>
void Show(RgbImage image)
{
    var file = Path.Combine(Path.GetTempPath(), $"mlnetfaces-notebook-{Guid.NewGuid():N}.png");
    ImageEncoder.Save(image, file);
    Convert.ToBase64String(File.ReadAllBytes(file)).DisplayAs("image/png");
    File.Delete(file);
}

/// <summary>Displays rows (objects, e.g. anonymous ones) as an HTML table, one column per property.</summary>
void Table<T>(IEnumerable<T> rows)
{
    var columns = typeof(T).GetProperties();
    string Cell(object? v) => System.Net.WebUtility.HtmlEncode(v switch
    {
        double d => d.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    });
    var html = new System.Text.StringBuilder("<table><thead><tr>");
    foreach (var c in columns) html.Append("<th>").Append(Cell(c.Name)).Append("</th>");
    html.Append("</tr></thead><tbody>");
    foreach (var row in rows)
    {
        html.Append("<tr>");
        foreach (var c in columns) html.Append("<td>").Append(Cell(c.GetValue(row))).Append("</td>");
        html.Append("</tr>");
    }

    html.Append("</tbody></table>").ToString().DisplayAs("text/html");
}

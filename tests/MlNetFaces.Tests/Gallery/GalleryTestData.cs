using MlNetFaces.Imaging;

namespace MlNetFaces.Tests.Gallery;

/// <summary>Real descriptors (the JS reference's, 22 faces of the six demo photos) and single-face crops of the demo photos.</summary>
internal static class GalleryTestData
{
    /// <summary>Descriptor of face <paramref name="face"/> (detection order) of demo photo <paramref name="image"/> (1..6).</summary>
    public static float[] Descriptor(int image, int face) =>
        JsReference.Floats(Face(image, face).GetProperty("descriptor"));

    /// <summary>All 22 reference faces as ("s{image}f{face}", descriptor).</summary>
    public static IReadOnlyList<(string Label, float[] Descriptor)> All()
    {
        var result = new List<(string, float[])>();
        var images = JsReference.Root.GetProperty("images");
        for (var i = 0; i < images.GetArrayLength(); i++)
        {
            for (var f = 0; f < images[i].GetProperty("faces").GetArrayLength(); f++)
            {
                result.Add(($"s{i + 1}f{f}", Descriptor(i + 1, f)));
            }
        }

        return result;
    }

    /// <summary>
    /// Writes a PNG of the region around faces <paramref name="faces"/> of demo photo <paramref name="image"/>
    /// (their boxes' union, widened by <paramref name="margin"/> × the face width on each side) and returns its path.
    /// </summary>
    public static string Crop(string folder, int image, int[] faces, double margin = 0.5)
    {
        var photo = ImageDecoder.Load(TestPaths.Models.PathOf($"sample{image}.jpg"));
        var boxes = faces.Select(f => Face(image, f).GetProperty("box")).Select(b => (
            X: b.GetProperty("x").GetDouble(),
            Y: b.GetProperty("y").GetDouble(),
            W: b.GetProperty("width").GetDouble(),
            H: b.GetProperty("height").GetDouble())).ToList();
        var pad = boxes.Max(b => b.W) * margin;
        var x0 = (int)Math.Max(0, boxes.Min(b => b.X) - pad);
        var y0 = (int)Math.Max(0, boxes.Min(b => b.Y) - pad);
        var x1 = (int)Math.Min(photo.Width, boxes.Max(b => b.X + b.W) + pad);
        var y1 = (int)Math.Min(photo.Height, boxes.Max(b => b.Y + b.H) + pad);
        var path = Path.Combine(folder, $"sample{image}-faces{string.Join('-', faces)}.png");
        ImageEncoder.Save(photo.Crop(x0, y0, x1 - x0, y1 - y0), path);
        return path;
    }

    /// <summary>A uniform grey PNG (no face).</summary>
    public static string Grey(string folder)
    {
        var path = Path.Combine(folder, "grey.png");
        ImageEncoder.Save(new RgbImage(64, 48, Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray()), path);
        return path;
    }

    private static System.Text.Json.JsonElement Face(int image, int face) =>
        JsReference.Root.GetProperty("images")[image - 1].GetProperty("faces")[face];
}

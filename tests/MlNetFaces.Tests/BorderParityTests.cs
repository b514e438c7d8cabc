using System.Text.Json;
using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using Xunit.Abstractions;

namespace MlNetFaces.Tests;

/// <summary>
/// <see cref="FaceCompatibility.FaceApiJs"/> against face-api.js itself on faces that touch or cross the image border,
/// where face-api's crop differs most from a straightforward one. Reference/faceapi-border-reference.json comes from
/// tests/tools/faceapi-border-peer (face-api 1.7.15 on tfjs WASM): 110 crops of the demo photos as jpeg-js decoded them
/// (each face cut by 20% at one side, and cropped to its own detection box), with every face face-api found in each.
/// </summary>
[Trait("Category", "Slow")]
public class BorderParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonDocument> Reference = new(() => JsonDocument.Parse(File.ReadAllBytes(
        Path.Combine(AppContext.BaseDirectory, "Reference", "faceapi-border-reference.json"))));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RgbImage> Sources = new(StringComparer.Ordinal);

    [SkippableTheory]
    [MemberData(nameof(Engines.Each), MemberType = typeof(Engines))]
    public void DescriptorsEqualFaceApiJsOnFacesAtTheBorder(InferenceEngine engine)
    {
        var crops = Reference.Value.RootElement.GetProperty("crops").EnumerateArray().ToList();
        var images = crops.Select(CropOf).ToList();

        var found = Engines.Pipeline(engine, FaceCompatibility.FaceApiJs).Analyze(images);
        var (faces, atBorder, worst) = (0, 0, 0.0);
        for (var i = 0; i < crops.Count; i++)
        {
            var name = $"{crops[i].GetProperty("source").GetString()} face {crops[i].GetProperty("face").GetInt32()} {crops[i].GetProperty("side").GetString()}";
            var expected = crops[i].GetProperty("faces").EnumerateArray().ToList();
            Assert.True(expected.Count == found[i].Count, $"{name}: face-api.js found {expected.Count} faces, we found {found[i].Count}");
            var touches = false;
            foreach (var js in expected)
            {
                var box = ToBox(js.GetProperty("box"));
                var face = found[i].MaxBy(f => f.Box.IoU(box))!;
                Assert.True(face.Box.IoU(box) >= 0.99, $"{name}: IoU {face.Box.IoU(box):0.0000}");
                Assert.Equal(ToBox(js.GetProperty("descriptor_box")), face.AlignedBox);
                var distance = FaceDistance.Euclidean(JsReference.Floats(js.GetProperty("descriptor")), face.Descriptor);
                Assert.True(distance <= 1e-3, $"{name}: descriptor distance {distance:E2} from face-api.js");
                worst = Math.Max(worst, distance);
                touches |= box.X <= 1 || box.Y <= 1 || box.Right >= images[i].Width - 1 || box.Bottom >= images[i].Height - 1;
                faces++;
            }

            atBorder += touches ? 1 : 0;
        }

        output.WriteLine($"{engine}: {crops.Count} crops, {faces} faces, {atBorder} crops with a face touching the border; worst descriptor distance {worst:E2}");
        Assert.True(atBorder >= 30, $"only {atBorder} crops have a face at the border");
    }

    [SkippableFact]
    public void EmbedCompatFaceApiMatchesFaceApiJsFromTheCommandLine()
    {
        // Two crops whose faces sit at the left and top border, where face-api's crop is capped by its landmark crop.
        using var dir = new TempFolder("mlnetfaces-border-cli-");
        var chosen = Reference.Value.RootElement.GetProperty("crops").EnumerateArray()
            .Where(c => c.GetProperty("source").GetString() == "sample1.png" && c.GetProperty("face").GetInt32() == 0
                && c.GetProperty("side").GetString() is "left" or "top")
            .ToList();
        Assert.Equal(2, chosen.Count);
        var paths = chosen.Select((c, i) =>
        {
            var path = dir.File($"crop{i}.png");
            ImageEncoder.Save(CropOf(c), path);
            return path;
        }).ToList();

        var (code, stdout, stderr) = CliTests.Cli(["embed", .. paths, "--compat", "faceapi", "--json"]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var images = json.RootElement.GetProperty("images").EnumerateArray().ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            var expected = chosen[i].GetProperty("faces").EnumerateArray().Single();
            var actual = images[i].GetProperty("faces").EnumerateArray().Single();
            var distance = FaceDistance.Euclidean(JsReference.Floats(expected.GetProperty("descriptor")), JsReference.Floats(actual.GetProperty("embedding")));
            output.WriteLine($"{chosen[i].GetProperty("side").GetString()}: descriptor distance {distance:E2} from face-api.js");
            Assert.True(distance <= 1e-3, $"crop {i}: {distance:E2}");
        }

        var both = CliTests.Cli(["embed", paths[0], "--compat", "faceapi", "--weights", "dlib"]);
        Assert.Equal(2, both.Code);
        Assert.Contains("cannot be combined with --weights dlib", both.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void FaceRecognizerWithFaceApiCompatibilityGivesFaceApiJsDescriptors()
    {
        var crop = Reference.Value.RootElement.GetProperty("crops").EnumerateArray()
            .First(c => c.GetProperty("side").GetString() == "left" && c.GetProperty("faces").GetArrayLength() == 1);
        var image = CropOf(crop);
        var expected = JsReference.Floats(crop.GetProperty("faces")[0].GetProperty("descriptor"));

        using var compatible = new FaceRecognizer(new FaceRecognizerOptions { Store = TestPaths.Models, Compatibility = FaceCompatibility.FaceApiJs });
        var face = Assert.Single(compatible.Detect(image));
        Assert.True(FaceDistance.Euclidean(expected, face.Descriptor) <= 1e-3);
        Assert.True(FaceDistance.Euclidean(expected, compatible.Embed(image)) <= 1e-3);

        // The defaults (dlib's float32 weights and chip) give another descriptor of the same face.
        using var defaults = new FaceRecognizer(new FaceRecognizerOptions { Store = TestPaths.Models });
        Assert.True(FaceDistance.Euclidean(expected, defaults.Embed(image)) > 0.01);
    }

    /// <summary>A reference crop: its rectangle of the demo photo it was cut from (decoded once per run).</summary>
    private static RgbImage CropOf(JsonElement crop)
    {
        var source = crop.GetProperty("source").GetString()!;
        var photo = Sources.GetOrAdd(source, name => ImageDecoder.Load(JsReference.DecodedDemoImage(
            int.Parse(name["sample".Length..^".png".Length], System.Globalization.CultureInfo.InvariantCulture))));
        var r = crop.GetProperty("rect").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        return photo.Crop(r[0], r[1], r[2], r[3]);
    }

    private static FaceBox ToBox(JsonElement e)
    {
        var v = e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new FaceBox(v[0], v[1], v[2], v[3]);
    }
}

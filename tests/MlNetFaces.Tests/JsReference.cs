using System.Text.Json;

namespace MlNetFaces.Tests;

/// <summary>The JS original's outputs (Reference/js_reference.json, copied from ../shared/reference/face-api).</summary>
internal static class JsReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(TestPaths.ReferenceJson)));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement RawVectors => Root.GetProperty("raw_net_test_vectors");

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    /// <summary>The synthetic test image: v[y][x][c] = (3x + 7y + 50c + (x*y)%13) % 256, as a float tensor [1,3,h,w].</summary>
    public static TorchSharp.torch.Tensor Pattern(int height, int width)
    {
        var v = new float[3 * height * width];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    v[(((c * height) + y) * width) + x] = ((3 * x) + (7 * y) + (50 * c) + ((x * y) % 13)) % 256;
                }
            }
        }

        return TorchSharp.torch.tensor(v, [1, 3, height, width]);
    }

    /// <summary>The lossless decode of demo image N (1..6) that the reference saw, from ../shared; skips when absent.</summary>
    public static string DecodedDemoImage(int n) =>
        TestPaths.SharedPathOrSkip("reference", "face-api", "demo-decoded", $"sample{n}.png");
}

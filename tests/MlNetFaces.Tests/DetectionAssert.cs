using System.Globalization;
using System.Text.Json;
using MlNetFaces.Faces;
using Xunit.Abstractions;

namespace MlNetFaces.Tests;

/// <summary>Compares detections with the JS reference's <c>ssd_detections</c> / <c>tiny_detections</c> of a demo image.</summary>
internal static class DetectionAssert
{
    /// <summary>
    /// Same count, and each reference face matched by a distinct detection with IoU ≥ <paramref name="minIoU"/>
    /// and a score within <paramref name="scoreTolerance"/>. Logs the worst IoU and score difference.
    /// </summary>
    public static void MatchesReference(JsonElement expected, IReadOnlyList<FaceDetection> found, double minIoU, double scoreTolerance, ITestOutputHelper output)
    {
        var reference = expected.EnumerateArray()
            .Select(e =>
            {
                var b = JsReference.Floats(e.GetProperty("box"));
                return new FaceDetection(new FaceBox(b[0], b[1], b[2], b[3]), e.GetProperty("score").GetSingle());
            })
            .ToList();
        Assert.Equal(reference.Count, found.Count);
        var used = new HashSet<int>();
        var worstIoU = 1.0;
        var worstScore = 0.0;
        foreach (var r in reference)
        {
            var best = Enumerable.Range(0, found.Count).Where(i => !used.Contains(i)).MaxBy(i => found[i].Box.IoU(r.Box));
            used.Add(best);
            var iou = found[best].Box.IoU(r.Box);
            var scoreDiff = Math.Abs(found[best].Score - r.Score);
            worstIoU = Math.Min(worstIoU, iou);
            worstScore = Math.Max(worstScore, scoreDiff);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ref {r.Score:F6} [{r.Box.X:F3},{r.Box.Y:F3},{r.Box.Width:F3},{r.Box.Height:F3}]  got {found[best].Score:F6} [{found[best].Box.X:F3},{found[best].Box.Y:F3},{found[best].Box.Width:F3},{found[best].Box.Height:F3}]  IoU {iou:F6}"));
            Assert.True(iou >= minIoU, $"IoU {iou} < {minIoU} for the reference face at {r.Box}.");
            Assert.True(scoreDiff <= scoreTolerance, $"Score {found[best].Score} vs reference {r.Score}.");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"min IoU {worstIoU:F6}, max score diff {worstScore:E2}"));
    }

    /// <summary>Asserts |a−b| ≤ tolerance elementwise and returns the largest difference.</summary>
    public static double AllClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= tolerance, $"max |diff| {worst} > {tolerance}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}].");
        return worst;
    }
}

namespace MlNetFaces.Faces;

/// <summary>How face-api turns boxes into integer crops (FACEAPI_ARCH §7).</summary>
public static class FaceCrops
{
    /// <summary>
    /// <c>clipAtImageBorders</c> then floor: the integer region actually sliced from the image,
    /// or null when nothing of the box lies inside the image.
    /// </summary>
    public static (int X, int Y, int Width, int Height)? ClipAndFloor(FaceBox box, int imageWidth, int imageHeight)
    {
        var x0 = Math.Max(box.X, 0);
        var y0 = Math.Max(box.Y, 0);
        var w = Math.Min(box.X + box.Width - x0, imageWidth - x0);
        var h = Math.Min(box.Y + box.Height - y0, imageHeight - y0);
        var x = (int)Math.Floor(x0);
        var y = (int)Math.Floor(y0);
        var wi = (int)Math.Floor(w);
        var hi = (int)Math.Floor(h);
        if (wi <= 0 || hi <= 0 || x >= imageWidth || y >= imageHeight)
        {
            return null;
        }

        return (x, y, Math.Min(wi, imageWidth - x), Math.Min(hi, imageHeight - y));
    }

    /// <summary>
    /// face-api's <c>alignDlib</c>: a square, axis-aligned box around the eyes and mouth (no rotation),
    /// reproduced exactly as the JS original computes it, including its border handling: the box's size is capped by
    /// the size of the <em>landmark crop</em> (the clipped detection box the 68 points were found in) plus the box's
    /// origin, because face-api's landmarks keep the crop's dimensions as their "image" size. A face at the left or
    /// top border, whose box starts at 0, therefore gets a crop no wider or taller than its landmark crop.
    /// </summary>
    public static FaceBox DlibAlignBox(IReadOnlyList<PointD> landmarks, int landmarkCropWidth, int landmarkCropHeight)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Count != 68)
        {
            throw new ArgumentException($"Expected 68 landmarks, got {landmarks.Count}.", nameof(landmarks));
        }

        var le = Mean(landmarks, 36, 42);
        var re = Mean(landmarks, 42, 48);
        var mo = Mean(landmarks, 48, 68);
        var size = Math.Floor((Norm(mo, le) + Norm(mo, re)) / 2 / 0.45);
        var refX = (le.X + re.X + mo.X) / 3;
        var refY = (le.Y + re.Y + mo.Y) / 3;
        var x = Math.Floor(Math.Max(0, refX - (0.5 * size)));
        var y = Math.Floor(Math.Max(0, refY - (0.43 * size)));
        return new FaceBox(x, y, Math.Min(size, landmarkCropWidth + x), Math.Min(size, landmarkCropHeight + y));
    }

    private static PointD Mean(IReadOnlyList<PointD> points, int from, int to)
    {
        double sx = 0, sy = 0;
        for (var i = from; i < to; i++)
        {
            sx += points[i].X;
            sy += points[i].Y;
        }

        return new PointD(sx / (to - from), sy / (to - from));
    }

    private static double Norm(PointD a, PointD b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}

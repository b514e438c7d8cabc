namespace MlNetFaces;

/// <summary>An axis-aligned box in pixels of the original image: top-left corner, width and height.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    /// <summary>The x coordinate of the right edge (<c>X + Width</c>).</summary>
    public double Right => X + Width;

    /// <summary>The y coordinate of the bottom edge (<c>Y + Height</c>).</summary>
    public double Bottom => Y + Height;

    /// <summary>Width × height in square pixels; 0 for a box with a negative side.</summary>
    public double Area => Math.Max(Width, 0) * Math.Max(Height, 0);

    /// <summary>Intersection over union with another box (0 when either is empty).</summary>
    public double IoU(FaceBox other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = w * h;
        return inter / (Area + other.Area - inter);
    }

    /// <summary>The box as [x, y, width, height] (the JSON contract's order).</summary>
    public double[] ToArray() => [X, Y, Width, Height];
}

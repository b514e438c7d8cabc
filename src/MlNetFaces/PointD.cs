namespace MlNetFaces;

/// <summary>A point in image pixels.</summary>
public readonly record struct PointD(double X, double Y);

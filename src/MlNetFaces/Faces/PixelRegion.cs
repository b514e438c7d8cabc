namespace MlNetFaces.Faces;

/// <summary>A rectangle of whole pixels [X, X+Width) × [Y, Y+Height) inside an image.</summary>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height);

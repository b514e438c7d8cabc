namespace MlNetFaces.Faces;

/// <summary>A detected face: its box in pixels of the original image and the detector's confidence.</summary>
public sealed record FaceDetection(FaceBox Box, float Score);

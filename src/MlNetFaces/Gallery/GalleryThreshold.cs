namespace MlNetFaces.Gallery;

/// <summary>
/// The open-set rejection threshold of a gallery: a probe whose best distance is above it is "unknown".
/// <see cref="Calibrated"/> is false for the default (<see cref="FaceGallery.DefaultThreshold"/>) until a
/// calibration run (target false-accept rate) stores a measured one; <see cref="Source"/> says where it came from.
/// </summary>
public sealed record GalleryThreshold(double Value, bool Calibrated, string Source);

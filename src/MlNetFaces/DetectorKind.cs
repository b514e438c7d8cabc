namespace MlNetFaces;

/// <summary>Which face detector the pipeline uses.</summary>
public enum DetectorKind
{
    /// <summary>SSD MobileNetV1 at 512 px: accurate (the default).</summary>
    Ssd,

    /// <summary>Tiny-YOLOv2 with separable convs at 416 px: faster, misses small faces.</summary>
    Tiny,
}

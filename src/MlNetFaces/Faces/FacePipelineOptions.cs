using MlNetFaces.Models;

namespace MlNetFaces.Faces;

/// <summary>Options of <see cref="FacePipeline"/>.</summary>
public sealed class FacePipelineOptions
{
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>Detections scoring at or below this are dropped (face-api default 0.5).</summary>
    public float MinConfidence { get; set; } = 0.5f;

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Faces per forward pass of the landmark and recognition nets.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Where the pretrained files live; null: the default store (fetched on first use).</summary>
    public ModelStore? Store { get; set; }
}

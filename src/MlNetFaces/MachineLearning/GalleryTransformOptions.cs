using MlNetFaces.Faces;

namespace MlNetFaces.MachineLearning;

/// <summary>Settings of the ML.NET gallery transform (saved with the model, except the machine-specific store folder).</summary>
public sealed class GalleryTransformOptions
{
    /// <summary>Identities listed per image.</summary>
    public int Top { get; set; } = 5;

    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    public float MinConfidence { get; set; } = 0.5f;

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Model store folder; null: the default store. Not saved with the model.</summary>
    public string? ModelStoreRoot { get; set; }
}

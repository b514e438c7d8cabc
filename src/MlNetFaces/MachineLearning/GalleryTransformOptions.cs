using MlNetFaces.Faces;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Settings of the ML.NET gallery transform (<see cref="MlNetFacesCatalog.IdentifyFaces(Microsoft.ML.TransformsCatalog, Gallery.GallerySnapshot, GalleryTransformOptions)"/>),
/// saved with the model by <see cref="GalleryModel.Save"/>, except the machine-specific model store.
/// </summary>
public sealed class GalleryTransformOptions
{
    /// <summary>Identities listed per image (at least 1).</summary>
    public int Top { get; set; } = 5;

    /// <summary>The face detector.</summary>
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>Detections scoring at or below this are dropped.</summary>
    public float MinConfidence { get; set; } = 0.5f;

    /// <summary>Where the nets run: "cpu" or "cuda[:N]" (saved; <see cref="GalleryModel.Load"/> can override it).</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Where the pretrained files live; null: the default store. Not saved with the model.</summary>
    public ModelStore? Store { get; set; }
}

using MlNetFaces.Models;

namespace MlNetFaces.Faces;

/// <summary>Options of <see cref="FacePipeline"/>.</summary>
public sealed class FacePipelineOptions
{
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>How landmarks become the recognition net's 150×150 chip.</summary>
    public FaceAlignment Alignment { get; set; } = FaceAlignment.DlibChip;

    /// <summary>
    /// A black border added around the image before detection, as a fraction of its longer side. The SSD detector
    /// misses faces that fill most of the frame (close-ups, LFW: 130 of 7,701 pair images found nothing even at
    /// score 0.1); a margin of 0.5 finds them but makes faces in wide shots smaller. 0 (the default): no border.
    /// </summary>
    public double DetectionMargin { get; set; }

    /// <summary>
    /// When the detector finds no face in a photo, look again inside a black border (<see cref="FacePipeline.CloseUpMargin"/>),
    /// where a face that fills the frame (a portrait, an enrolment photo) is found, then with the tiny detector (see
    /// <see cref="FacePipeline.Detect"/>). True by default; false gives face-api.js's single pass exactly.
    /// </summary>
    public bool RetryWhenNoFace { get; set; } = true;

    /// <summary>Detections scoring at or below this are dropped (face-api default 0.5).</summary>
    public float MinConfidence { get; set; } = 0.5f;

    /// <summary>Which copy of the recognition weights embeds faces (<see cref="FaceModels.RecognitionNet"/>).</summary>
    public RecognitionWeights RecognitionWeights { get; set; } = RecognitionWeights.DlibFloat32;

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Faces per forward pass of the landmark and recognition nets.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Where the pretrained files live; null: the default store (fetched on first use).</summary>
    public ModelStore? Store { get; set; }
}

using MlNetFaces.Models;

namespace MlNetFaces.Faces;

/// <summary>Options of <see cref="FacePipeline"/>.</summary>
public sealed class FacePipelineOptions
{
    /// <summary>The face detector: SSD MobileNetV1 (accurate, the default) or the tiny YOLO one (fast).</summary>
    public DetectorKind Detector { get; set; } = DetectorKind.Ssd;

    /// <summary>How landmarks become the recognition net's 150×150 chip (<see cref="UseCompatibility"/> sets face-api's).</summary>
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

    /// <summary>
    /// The id of the descriptors these options give, recorded in galleries so that descriptors of different models
    /// never mix: the recognition weights' id, with <see cref="FaceApiCropSuffix"/> under face-api's alignment.
    /// </summary>
    public string EmbeddingModelId => FaceRecognitionNet.ModelId(RecognitionWeights)
        + (Alignment == FaceAlignment.FaceApi ? FaceApiCropSuffix : string.Empty);

    /// <summary>What <see cref="EmbeddingModelId"/> adds for face-api's axis-aligned crop (<see cref="FaceAlignment.FaceApi"/>).</summary>
    public const string FaceApiCropSuffix = "+face-api-crop";

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>What runs the nets; the default is ONNX Runtime on the CPU and TorchSharp on other devices.</summary>
    public InferenceEngine Engine { get; set; }

    /// <summary>
    /// Threads each ONNX Runtime net may use within one run (0: ONNX Runtime's default, one per core). TorchSharp's
    /// thread count is process-wide (<c>torch.set_num_threads</c>) and is not changed here.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Faces per forward pass of the landmark and recognition nets.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Where the pretrained files live; null: the default store (fetched on first use).</summary>
    public ModelStore? Store { get; set; }

    /// <summary>A copy of these options (every setting; the model store is shared, not copied).</summary>
    public FacePipelineOptions Clone() => (FacePipelineOptions)MemberwiseClone();

    /// <summary>
    /// Sets what <paramref name="compatibility"/> fixes and returns these options. <see cref="FaceCompatibility.FaceApiJs"/>:
    /// face-api's 8-bit weights, <see cref="FaceAlignment.FaceApi"/>, no detection margin and no retry, so that
    /// descriptors equal face-api.js's; <see cref="FaceCompatibility.Default"/> changes nothing.
    /// </summary>
    public FacePipelineOptions UseCompatibility(FaceCompatibility compatibility)
    {
        if (compatibility == FaceCompatibility.FaceApiJs)
        {
            RecognitionWeights = RecognitionWeights.FaceApi8Bit;
            Alignment = FaceAlignment.FaceApi;
            DetectionMargin = 0;
            RetryWhenNoFace = false;
        }

        return this;
    }
}

using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>Options of <see cref="FaceEmbeddingTrainer"/>.</summary>
public sealed class FaceEmbeddingTrainerOptions
{
    /// <summary>Column of image file paths (text).</summary>
    public string ImagePathColumnName { get; set; } = "ImagePath";

    /// <summary>Column of identity names (text).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Output column: D floats (the trained embedding); a bool column <c>{OutputColumnName}HasFace</c> is added.</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    public FaceCropMode CropMode { get; set; } = FaceCropMode.Align;

    /// <summary>Loss, mining, net, P×K, epochs, seed, device, checkpoints.</summary>
    public TripletTrainingOptions Training { get; set; } = new();

    /// <summary>Use at most this many images of an identity.</summary>
    public int MaxImagesPerIdentity { get; set; } = int.MaxValue;

    /// <summary>Called after every training step.</summary>
    public Action<TrainingProgress>? Progress { get; set; }
}

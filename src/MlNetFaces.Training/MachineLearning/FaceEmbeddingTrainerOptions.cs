using MlNetFaces.Models;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>Options of <see cref="FaceEmbeddingTrainer"/> (<see cref="TrainingCatalog.TrainFaceEmbedding(Microsoft.ML.TransformsCatalog, FaceEmbeddingTrainerOptions)"/>).</summary>
public sealed class FaceEmbeddingTrainerOptions
{
    /// <summary>Column of image file paths (text).</summary>
    public string ImagePathColumnName { get; set; } = "ImagePath";

    /// <summary>Column of identity names (text).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Output column: D floats (the trained embedding); a bool column <c>{OutputColumnName}HasFace</c> is added.</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>How an image becomes the net's input: detected and aligned, resized as given, or its central half.</summary>
    public FaceCropMode CropMode { get; set; } = FaceCropMode.Align;

    /// <summary>
    /// Loss, mining, net, P×K, epochs, seed, checkpoints, and the device: <see cref="TripletTrainingOptions.Device"/>
    /// ("cpu" or "cuda[:N]") is where the net trains and where the face pipeline of <see cref="FaceCropMode.Align"/> runs.
    /// </summary>
    public TripletTrainingOptions Training { get; set; } = new();

    /// <summary>
    /// Where the pretrained files live (the face pipeline of <see cref="FaceCropMode.Align"/>, a pretrained trunk);
    /// null: the default store. Not saved with the model.
    /// </summary>
    public ModelStore? Store { get; set; }

    /// <summary>Use at most this many images of an identity.</summary>
    public int MaxImagesPerIdentity { get; set; } = int.MaxValue;

    /// <summary>Receives every training step, on the training thread; null: none.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Receives the images cropped before training starts; null: none.</summary>
    public IProgress<ItemProgress>? CropProgress { get; set; }

    /// <summary>Receives each training warning as it is raised (all are also in <see cref="TrainingResult.Warnings"/>); null: none.</summary>
    public IProgress<string>? Warnings { get; set; }

    /// <summary>Receives each validation score (with <see cref="TripletTrainingOptions.ValidationFraction"/>); null: none.</summary>
    public IProgress<EpochValidation>? Validated { get; set; }
}

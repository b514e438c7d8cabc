namespace MlNetFaces.MachineLearning;

/// <summary>Input row of the ML.NET gallery transform: the path of an image file.</summary>
public sealed class GalleryImageInput
{
    /// <summary>The image file.</summary>
    public string ImagePath { get; set; } = "";
}

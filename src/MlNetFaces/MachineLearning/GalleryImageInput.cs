namespace MlNetFaces.MachineLearning;

/// <summary>Input row of the ML.NET gallery transform: the path of an image file.</summary>
public sealed class GalleryImageInput
{
    public string ImagePath { get; set; } = "";
}

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Output columns of the ML.NET gallery transform for the largest face of the image: the predicted identity
/// ("unknown" when rejected, "" when the image has no face), its distance (NaN without a face or gallery),
/// the number of faces found, and the top-k identities and distances, best first.
/// </summary>
public sealed class GalleryPrediction
{
    public string Identity { get; set; } = "";

    public float Distance { get; set; } = float.NaN;

    public int FaceCount { get; set; }

#pragma warning disable CA1819 // ML.NET maps array properties to vector columns
    public string[] TopIdentities { get; set; } = [];

    public float[] TopDistances { get; set; } = [];
#pragma warning restore CA1819
}

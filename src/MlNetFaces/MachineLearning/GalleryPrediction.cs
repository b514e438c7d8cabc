namespace MlNetFaces.MachineLearning;

/// <summary>
/// Output columns of the ML.NET gallery transform for the largest face of the image: the predicted identity
/// ("unknown" when rejected, "" when the image has no face), its distance (NaN without a face or gallery),
/// the number of faces found, and the top-k identities and distances, best first.
/// </summary>
public sealed class GalleryPrediction
{
    /// <summary>The predicted identity: "unknown" when rejected, "" when the image has no face.</summary>
    public string Identity { get; set; } = "";

    /// <summary>The distance to the predicted identity (NaN without a face or gallery).</summary>
    public float Distance { get; set; } = float.NaN;

    /// <summary>The number of faces found in the image.</summary>
    public int FaceCount { get; set; }

#pragma warning disable CA1819 // ML.NET maps array properties to vector columns
    /// <summary>The nearest identities, best first.</summary>
    public string[] TopIdentities { get; set; } = [];

    /// <summary>Their distances, in the same order.</summary>
    public float[] TopDistances { get; set; } = [];
#pragma warning restore CA1819
}

namespace MlNetFaces.Embedding;

/// <summary>
/// The embedding of one image file: the descriptor of the central face (<see cref="CentralFaceFinder"/>), and the descriptor of
/// its horizontally flipped aligned crop (for test-time augmentation); both null when no face was found.
/// </summary>
public sealed record CachedEmbedding(float[]? Plain, float[]? Flipped)
{
    /// <summary>Whether a face was found (the plain descriptor is there).</summary>
    public bool HasFace => Plain is not null;

    /// <summary>The plain descriptor, or the mean of the plain and flipped descriptors when <paramref name="flip"/>.</summary>
    public float[]? Descriptor(bool flip)
    {
        if (Plain is null || !flip || Flipped is null)
        {
            return Plain;
        }

        var mean = new float[Plain.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = 0.5f * (Plain[i] + Flipped[i]);
        }

        return mean;
    }
}

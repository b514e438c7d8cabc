namespace MlNetFaces.Training;

/// <summary>How an image becomes the 150×150 crop the embedding nets take.</summary>
public enum FaceCropMode
{
    /// <summary>The face pipeline: detect (the central face, <see cref="Embedding.CentralFaceFinder"/>), 68 landmarks, dlib alignment box, 150×150.</summary>
    Align,

    /// <summary>Crops as given (e.g. ORL, where a detector may not fire): the whole image padded to a square and resized.</summary>
    Resize,

    /// <summary>The central square of half the shorter side, resized (for pre-aligned sets such as LFW deep-funneled).</summary>
    CenterHalf,
}

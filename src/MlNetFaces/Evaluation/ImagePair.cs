namespace MlNetFaces.Evaluation;

/// <summary>Two images and whether they show the same person; <see cref="Fold"/> is the LFW fold (0–9) or -1.</summary>
public sealed record ImagePair(string PathA, string PathB, bool Same, int Fold = -1);

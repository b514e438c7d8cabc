namespace MlNetFaces.Faces;

/// <summary>
/// Greedy non-maximum suppression as face-api does it for both detectors: candidates in descending score
/// order, each kept when its IoU with every box kept so far is at most the threshold.
/// </summary>
public static class NonMaxSuppression
{
    /// <summary>
    /// Indices of the kept boxes, highest score first. Equal scores keep their input order.
    /// Boxes may be in any common unit (pixels or relative coordinates): IoU does not depend on it.
    /// </summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<FaceBox> boxes, IReadOnlyList<float> scores, double iouThreshold, int maxResults = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(scores);
        if (boxes.Count != scores.Count)
        {
            throw new ArgumentException($"{boxes.Count} boxes but {scores.Count} scores.", nameof(scores));
        }

        var kept = new List<int>();
        foreach (var candidate in Enumerable.Range(0, boxes.Count).OrderByDescending(i => scores[i]))
        {
            if (kept.Count >= maxResults)
            {
                break;
            }

            if (kept.TrueForAll(k => boxes[candidate].IoU(boxes[k]) <= iouThreshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}

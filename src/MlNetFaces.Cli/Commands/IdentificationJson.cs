using MlNetFaces.Evaluation;

namespace MlNetFaces.Cli.Commands;

/// <summary>The <c>evaluate identification</c> JSON document: plain embeddings first, flip TTA under <c>tta</c>.</summary>
internal sealed record IdentificationJson(
    int GalleryIdentities,
    int GenuineProbes,
    int ImpostorProbes,
    int Failed,
    double Rank1,
    double Rank5,
    IReadOnlyList<double> Cmc,
    IReadOnlyList<OpenSetPoint> OpenSet,
    double Seconds,
    IdentificationJson.Augmented Tta)
{
    public static IdentificationJson From(IdentificationRun run, double seconds) => new(
        run.Plain.GalleryIdentities,
        run.Plain.GenuineProbes,
        run.Plain.ImpostorProbes,
        run.Failed.Count,
        Round(run.Plain.Rank1),
        Round(run.Plain.Rank5),
        run.Plain.Cmc.Select(Round).ToList(),
        run.Plain.OpenSet.Select(RoundPoint).ToList(),
        Math.Round(seconds, 1),
        new Augmented("flip", Round(run.Flip.Rank1), Round(run.Flip.Rank5), run.Flip.Cmc.Select(Round).ToList(), run.Flip.OpenSet.Select(RoundPoint).ToList()));

    private static double Round(double value) => Math.Round(value, 6);

    private static OpenSetPoint RoundPoint(OpenSetPoint p) => new(p.Far, Round(p.Threshold), Round(p.Dir), Round(p.MeasuredFar));

    /// <summary>The same metrics with test-time augmentation.</summary>
    internal sealed record Augmented(string Kind, double Rank1, double Rank5, IReadOnlyList<double> Cmc, IReadOnlyList<OpenSetPoint> OpenSet);
}

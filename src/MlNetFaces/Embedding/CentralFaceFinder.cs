using MlNetFaces.Faces;
using MlNetFaces.Imaging;

namespace MlNetFaces.Embedding;

/// <summary>
/// The one face a photo is about (verification, identification probes, training crops). The detector runs at
/// <see cref="CandidateMinConfidence"/>; among the detections whose box contains the image centre the best-scoring
/// wins, a confident one (scoring above the pipeline's own threshold) first; when no box contains the centre, the
/// confident detection nearest the centre, then any. Photos where the first pass finds nothing go through the
/// pipeline's face rule (a second pass inside a border of <see cref="FacePipeline.CloseUpMargin"/>, then the tiny
/// detector; none with <see cref="FacePipelineOptions.RetryWhenNoFace"/> off). So a photo accepted at the margin
/// <see cref="FaceEmbedder.CentralFaceMargin"/> of verification is accepted at margin 0 too, so enrolment
/// (which embeds at margin 0, as identification does) accepts every photo that verify accepts. Only the chosen face
/// goes through landmarks and the recognition net.
/// </summary>
/// <remarks>
/// Why: the SSD scores some central faces below 0.5 while it scores faces in the background above (LFW
/// Yasser_Arafat_0005: the portrait 0.45, a 24-pixel face at the edge 0.50; Goldie_Hawn_0002 and Kate_Hudson_0002
/// alike), so "nearest the centre among the confident" picked the wrong person. Abdoulaye_Wade_0003 is found by
/// no SSD box above 0.08 and by the tiny detector at 0.44.
/// </remarks>
public sealed class CentralFaceFinder
{
    /// <summary>Detections scoring at or below this are not considered at all.</summary>
    public const float CandidateMinConfidence = 0.1f;

    private readonly FacePipeline candidates;
    private readonly float confident;

    /// <summary>A finder that detects with the nets of <paramref name="pipeline"/> (its detector and options, the confidence
    /// floor lowered to <see cref="CandidateMinConfidence"/>).</summary>
    /// <param name="pipeline">The pipeline whose <see cref="FacePipelineOptions.MinConfidence"/> marks a detection as confident.</param>
    public CentralFaceFinder(FacePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        confident = pipeline.Options.MinConfidence;
        candidates = new FacePipeline(Candidates(pipeline));
    }

    /// <summary>The chosen face of each image, or null when no detector found one.</summary>
    public IReadOnlyList<Face?> Find(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return candidates.Analyze(images, Select).Select(f => f.Count > 0 ? f[0] : null).ToArray();
    }

    /// <summary>The detection the rule above chooses, or null when there is none.</summary>
    public static FaceDetection? Choose(IReadOnlyList<FaceDetection> detections, int width, int height, float confident)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var (cx, cy) = (width / 2.0, height / 2.0);
        var containing = detections.Where(d => d.Box.X <= cx && cx <= d.Box.Right && d.Box.Y <= cy && cy <= d.Box.Bottom).ToList();
        double Distance(FaceDetection d) => Math.Pow(d.Box.X + (d.Box.Width / 2) - cx, 2) + Math.Pow(d.Box.Y + (d.Box.Height / 2) - cy, 2);
        return containing.Where(d => d.Score > confident).MaxBy(d => d.Score)
            ?? containing.MaxBy(d => d.Score)
            ?? detections.Where(d => d.Score > confident).MinBy(Distance)
            ?? detections.MinBy(Distance);
    }

    private IEnumerable<FaceDetection> Select(RgbImage image, IReadOnlyList<FaceDetection> detections) =>
        Choose(detections, image.Width, image.Height, confident) is { } chosen ? [chosen] : [];

    private static FacePipelineOptions Candidates(FacePipeline pipeline)
    {
        var options = pipeline.Options.Clone();
        options.Store = pipeline.Models.Store;
        options.MinConfidence = Math.Min(CandidateMinConfidence, pipeline.Options.MinConfidence);
        return options;
    }
}

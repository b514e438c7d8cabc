using MlNetFaces.Faces;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests;

/// <summary>
/// A few hundred LFW View 2 pairs (folds 1 and 2: 40 same + 40 different each) scored once per test run;
/// embeddings are cached under the temp folder, so later runs are fast. Null when ../shared is absent.
/// </summary>
public sealed class LfwSubsetFixture
{
    public LfwSubsetFixture()
    {
        var root = Path.Combine(TestPaths.Data, "faces", "lfw-deepfunneled");
        if (!File.Exists(Path.Combine(root, "pairs.txt")))
        {
            return;
        }

        var all = PairsFile.ReadLfw(Path.Combine(root, "pairs.txt"), Path.Combine(root, "lfw-deepfunneled"));
        var subset = all.Pairs.Where(p => p.Fold < 2).GroupBy(p => (p.Fold, p.Same)).SelectMany(g => g.Take(40)).ToList();
        Pipeline = new FacePipeline(FaceEmbedder.PipelineOptions(store: TestPaths.Models));
        using var cache = new EmbeddingCache(FaceEmbedder.CacheId(Pipeline), CacheFolder);
        Run = VerificationRun.Score(new PairsReadResult(subset, []), Pipeline, cache);
    }

    public static string CacheFolder => Path.Combine(Path.GetTempPath(), "mlnetfaces-tests", "embeddings");

    public FacePipeline? Pipeline { get; }

    public VerificationRun? Run { get; }

    public VerificationRun RunOrSkip()
    {
        Skip.If(Run is null, $"LFW is absent under {TestPaths.Data}/faces/lfw-deepfunneled: set MLNETFACES_DATA to run this test.");
        return Run!;
    }
}

using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.MachineLearning;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests;

/// <summary>The verification pipeline on real LFW pairs: metrics, ML.NET parity, model zip round trips, bad input.</summary>
[Trait("Category", "Slow")]
public sealed class VerificationPipelineTests : IClassFixture<LfwSubsetFixture>, IDisposable
{
    private readonly LfwSubsetFixture lfw;
    private readonly TempFolder dir = new("mlnetfaces-verify-");

    public VerificationPipelineTests(LfwSubsetFixture lfw)
    {
        this.lfw = lfw;
    }

    public void Dispose() => dir.Dispose();

    [SkippableFact]
    public void LfwSubsetIsVerifiedAccurately()
    {
        var run = lfw.RunOrSkip();
        Assert.True(run.Plain.Count >= 150, $"only {run.Plain.Count} of 160 pairs scored; failed: {string.Join("; ", run.Failed)}");
        var report = VerificationProtocol.Run(run.Plain);
        Assert.True(report.AccuracyMean > 0.95, $"accuracy {report.AccuracyMean:P2}");
        Assert.True(report.Auc > 0.98, $"AUC {report.Auc:0.0000}");
        Assert.InRange(report.Threshold, 0.4, 0.8);
    }

    [SkippableFact]
    public void AucEqualsMlNetEvaluatorOnClassifierScores()
    {
        var pairs = lfw.RunOrSkip().Plain;
        var classifier = VerificationClassifier.Train(pairs);
        var ours = new RocCurve(classifier.Scores(pairs).Select(s => (double)s).ToList(), pairs.Select(p => p.Pair.Same).ToList());
        Assert.Equal(classifier.Evaluate(pairs).AreaUnderRocCurve, ours.Auc, 9);
    }

    [SkippableFact]
    public void ModelZipReloadsWithIdenticalScoresAndTheCliAgrees()
    {
        var pairs = lfw.RunOrSkip().Plain;
        var model = VerificationModel.Train(pairs, DetectorKind.Ssd, flip: false, threshold: 0.6);
        var zip = dir.File("model.zip");
        model.Save(zip);

        var reloaded = VerificationModel.Load(zip); // a fresh MLContext
        foreach (var pair in pairs.Take(4).Concat(pairs.TakeLast(4)))
        {
            var before = model.Predict(pair.Pair.PathA, pair.Pair.PathB);
            var after = reloaded.Predict(pair.Pair.PathA, pair.Pair.PathB);
            Assert.Equal(before.Probability, after.Probability);
            Assert.Equal(before.Features, after.Features);
            Assert.Equal(pair.Features[1], before.Distance, 4);
        }

        var sample = pairs[0].Pair;
        var expected = reloaded.Predict(sample.PathA, sample.PathB);
        var (code, stdout, stderr) = CliTests.Cli("verify", sample.PathA, sample.PathB, "--model", zip, "--json");
        Assert.True(code == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(expected.Probability, json.RootElement.GetProperty("probability").GetDouble(), 5);
        Assert.Equal(expected.PredictedLabel, json.RootElement.GetProperty("same").GetBoolean());
    }

    [Fact]
    public void EstimatorChecksTheInputSchema()
    {
        var context = new MLContext();
        var data = context.Data.LoadFromEnumerable(new[] { new { Path = 3.0f } }.Select(r => new NumberRow { ImagePath = r.Path }));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.DetectAndEmbedFaces().Fit(data));
        Assert.Contains("must hold image file paths", error.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.DetectAndEmbedFaces(inputColumnName: "Nope").Fit(data));
        Assert.Contains("'Nope' not found", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPairsAreReportedAndExcluded()
    {
        var store = TestPaths.Models;
        var grey = dir.File("grey.png");
        ImageEncoder.Save(new RgbImage(64, 64, Enumerable.Repeat((byte)100, 64 * 64 * 3).ToArray()), grey);
        var tsv = dir.File("pairs.tsv");
        File.WriteAllLines(tsv,
        [
            "# demo photos",
            $"{store.PathOf("sample1.jpg")}\t{store.PathOf("sample1.jpg")}\t1",
            $"{store.PathOf("sample1.jpg")}\tmissing.jpg\t0",
            $"{store.PathOf("sample2.jpg")}\t{grey}\t0",
            "this line is malformed",
        ]);

        var read = PairsFile.ReadTsv(tsv, dir.Path);
        Assert.Single(read.Problems);
        var pipeline = new Faces.FacePipeline(new Faces.FacePipelineOptions { Store = store });
        var run = VerificationRun.Score(read, pipeline, cache: null);
        Assert.Single(run.Plain);
        Assert.Equal(3, run.Failed.Count);
        Assert.Contains(run.Failed, f => f.Contains("missing.jpg: file not found", StringComparison.Ordinal));
        Assert.Contains(run.Failed, f => f.Contains("grey.png: no face found", StringComparison.Ordinal));
        Assert.Contains(run.Failed, f => f.Contains("malformed", StringComparison.Ordinal));
    }

    private sealed class NumberRow
    {
        public float ImagePath { get; set; }
    }
}

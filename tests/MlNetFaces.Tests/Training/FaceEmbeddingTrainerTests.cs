using Microsoft.ML;
using MlNetFaces.MachineLearning;
using MlNetFaces.Training;
using Xunit.Abstractions;

namespace MlNetFaces.Tests.Training;

/// <summary>
/// The ML.NET trainer end to end on ORL (crops as given): a short training (2 epochs) inside the suite, the fitted
/// transformer saved to one zip and reloaded in a fresh MLContext with identical embeddings, and a one-shot
/// identification of people never seen in training.
/// </summary>
public class FaceEmbeddingTrainerTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void TrainsOnOrlSavesOneZipAndReloadsIdentically()
    {
        var orl = TrainingData.OrlOrSkip();
        var all = FaceCropDataset.ListFolders(orl);
        var people = all.Select(i => i.Identity).Distinct().Order(StringComparer.Ordinal).ToList();
        var trainPeople = people.Take(30).ToHashSet();
        var rows = all.Where(i => trainPeople.Contains(i.Identity)).Select(i => new Row { Label = i.Identity, ImagePath = i.Path }).ToList();

        var ml = new MLContext(seed: 1);
        var trainer = ml.Transforms.TrainFaceEmbedding(new FaceEmbeddingTrainerOptions
        {
            CropMode = FaceCropMode.Resize,
            Training = new TripletTrainingOptions
            {
                Network = new EmbeddingNetworkSpec(NetworkSource.Scratch, EmbeddingDimension: 32, ImageSize: 64, Width: 16),
                P = 8,
                K = 4,
                Epochs = 2,
                Seed = 3,
            },
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = trainer.Fit(data);
        var result = model.Result;
        output.WriteLine($"trained {result.Steps} steps in {result.Seconds:0.0} s (fit {clock.Elapsed.TotalSeconds:0.0} s); epoch losses {string.Join(", ", result.EpochLosses.Select(l => l.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(2, result.Epochs);
        Assert.Empty(model.Problems);

        var probes = all.Where(i => !trainPeople.Contains(i.Identity)).Take(6).Select(i => new Row { ImagePath = i.Path, Label = i.Identity }).ToList();
        var before = Embeddings(ml, model, probes);
        Assert.All(before, e => Assert.Equal(32, e.Length));
        Assert.All(before, e => Assert.Equal(1.0, Math.Sqrt(e.Sum(v => (double)v * v)), 4));

        var zip = Path.Combine(Path.GetTempPath(), $"mlnetfaces-trained-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, zip);
            output.WriteLine($"zip: {new FileInfo(zip).Length / 1e6:0.00} MB");
            var fresh = new MLContext(seed: 9);
            MlNetFacesCatalog.Register(fresh);
            var loaded = fresh.Model.Load(zip, out _);
            Assert.Equal(before, Embeddings(fresh, loaded, probes));
        }
        finally
        {
            File.Delete(zip);
        }

        var unseen = all.Where(i => !trainPeople.Contains(i.Identity)).ToList();
        var oneShot = OneShotIdentification.Evaluate(unseen, paths => Embeddings(ml, model, paths.Select(p => new Row { ImagePath = p }).ToList()));
        output.WriteLine($"one-shot on {oneShot.People} unseen people, {oneShot.Probes} probes: rank-1 {oneShot.Rank1:P1}, rank-5 {oneShot.Rank5:P1}");
        Assert.Equal(10, oneShot.People);
        Assert.True(oneShot.Rank1 > 0.1, $"rank-1 {oneShot.Rank1} is no better than chance (0.1)");
    }

    private static float[][] Embeddings(MLContext ml, ITransformer model, List<Row> rows) =>
        ml.Data.CreateEnumerable<Output>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).Select(o => o.Embedding).ToArray();

    private sealed class Row
    {
        public string ImagePath { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public float[] Embedding { get; set; } = [];

        public bool EmbeddingHasFace { get; set; }
    }
}

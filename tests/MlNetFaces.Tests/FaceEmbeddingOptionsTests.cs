using Microsoft.ML;
using MlNetFaces.MachineLearning;
using MlNetFaces.Models;

namespace MlNetFaces.Tests;

/// <summary>The ML.NET embedding transform runs its nets on the options' device, from the options' model store.</summary>
[Trait("Category", "Slow")]
public sealed class FaceEmbeddingOptionsTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-embedding-options-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void TheTransformLoadsItsNetsFromTheOptionsStoreOntoTheOptionsDevice()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable(new[] { new PathRow { ImagePath = TestPaths.Models.PathOf("sample1.jpg") } });
        var store = new ModelStore(dir.File("store"));

        var model = ml.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { Store = store, Device = "cpu" }).Fit(rows);
        var output = ml.Data.CreateEnumerable<EmbeddingRow>(model.Transform(rows), reuseRowObject: false).Single();
        Assert.True(output.EmbeddingHasFace);
        Assert.Empty(store.MissingOrCorrupt()); // the nets came from this store, filled on first use

        var elsewhere = ml.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { Store = TestPaths.Models, Device = "tpu" }).Fit(rows);
        var error = Assert.ThrowsAny<Exception>(() => ml.Data.CreateEnumerable<EmbeddingRow>(elsewhere.Transform(rows), reuseRowObject: false).ToList());
        Assert.Contains("Unknown device 'tpu'", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error)
    {
        var text = "";
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text += e.Message + " | ";
        }

        return text;
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = string.Empty;
    }

    private sealed class EmbeddingRow
    {
        public float[] Embedding { get; set; } = [];

        public bool EmbeddingHasFace { get; set; }
    }
}

using Microsoft.ML;
using MlNetFaces.Gallery;
using MlNetFaces.MachineLearning;

namespace MlNetFaces.Tests.Gallery;

/// <summary>The ML.NET gallery transform: image path → identity, distance, top-k; saved and reloaded with its snapshot.</summary>
public sealed class GalleryMlNetTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-gallery-ml-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void MapsImagePathsToIdentitiesAndSurvivesSaveAndLoad()
    {
        using var gallery = FaceGallery.CreateInMemory(GalleryEnrollment.PipelineModelId);
        gallery.Enroll("Ada", [new(GalleryTestData.Descriptor(1, 0), "reference s1f0")]);
        gallery.Enroll("Bob", [new(GalleryTestData.Descriptor(1, 1), "reference s1f1")]);
        gallery.SetThreshold(0.4, calibrated: false, "test");
        using var mapping = new GalleryIdentifyMapping(gallery.Snapshot(), new GalleryTransformOptions { Top = 2, Store = TestPaths.Models });

        var rows = new[]
        {
            new GalleryImageInput { ImagePath = GalleryTestData.Crop(dir.Path, 1, [0]) },
            new GalleryImageInput { ImagePath = GalleryTestData.Crop(dir.Path, 1, [2]) },
            new GalleryImageInput { ImagePath = GalleryTestData.Grey(dir.Path) },
        };
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.IdentifyFaces(mapping).Fit(data);
        var predictions = Predict(ml, model, data);
        Assert.Equal(["Ada", GalleryMatch.Unknown, ""], predictions.Select(p => p.Identity));
        Assert.Equal([1, 1, 0], predictions.Select(p => p.FaceCount));
        Assert.InRange(predictions[0].Distance, 0, 0.2); // the crop's descriptor vs the reference's (another JPEG decoder)
        Assert.Equal(["Ada", "Bob"], predictions[0].TopIdentities);
        Assert.Equal(predictions[0].Distance, predictions[0].TopDistances[0]);
        Assert.True(predictions[1].Distance > 0.4);
        Assert.True(float.IsNaN(predictions[2].Distance));
        Assert.Empty(predictions[2].TopIdentities);

        var zip = dir.File("gallery-model.zip");
        GalleryModel.Save(ml, model, data.Schema, mapping, zip);

        // A fresh MLContext reads the snapshot from the zip; the gallery itself is no longer needed.
        var fresh = new MLContext(seed: 2);
        var loaded = GalleryModel.Load(fresh, zip, out var schema, TestPaths.Models);
        Assert.NotNull(schema.GetColumnOrNull(nameof(GalleryImageInput.ImagePath)));
        var again = Predict(fresh, loaded, fresh.Data.LoadFromEnumerable(rows));
        Assert.Equal(predictions.Select(p => p.Identity), again.Select(p => p.Identity));
        Assert.Equal(predictions.Select(p => p.Distance), again.Select(p => p.Distance));
        Assert.Equal(predictions[0].TopIdentities, again[0].TopIdentities);

        // Plain Model.Load cannot see the snapshot and says what to use instead.
        var plain = new MLContext();
        plain.ComponentCatalog.RegisterAssembly(typeof(GalleryModel).Assembly);
        var error = Assert.ThrowsAny<Exception>(() => plain.Model.Load(zip, out _));
        Assert.Contains("GalleryModel.Load", Flatten(error), StringComparison.Ordinal);
    }

    private static List<GalleryPrediction> Predict(MLContext ml, ITransformer model, IDataView data) =>
        ml.Data.CreateEnumerable<GalleryPrediction>(model.Transform(data), reuseRowObject: false).ToList();

    private static string Flatten(Exception error)
    {
        var text = "";
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text += e.Message + " | ";
        }

        return text;
    }
}

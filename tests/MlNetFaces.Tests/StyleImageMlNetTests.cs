using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.MachineLearning;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Tests;

/// <summary>The Gatys optimisation as an ML.NET transform: fit, transform (no file written), save outputs, save the model with its style image, load in a fresh context.</summary>
public sealed class StyleImageMlNetTests : IDisposable
{
    private static readonly string Content = Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "animal_cat_chelsea.png");
    private static readonly string Style = Path.Combine(TestPaths.RepoRoot, "data", "style-transfer", "vangogh_starry_night.jpg");
    private readonly TempFolder dir = new("mlnetfaces-style-ml-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void StylisesRowsAndSurvivesSaveAndLoadInAFreshContext()
    {
        var ml = new MLContext(seed: 1);
        var options = new StyleImageTransformOptions
        {
            StylePaths = [Style],
            Transfer = new StyleTransferOptions { Size = 64, Steps = 6 },
        };
        var data = ml.Data.LoadFromEnumerable([new PathRow { ContentPath = Content, OutputPath = dir.File("a.png") }]);
        var estimator = ml.Transforms.StylizeImages(options);
        var model = estimator.Fit(data);
        var rows = ml.Data.CreateEnumerable<ResultRow>(model.Transform(data), reuseRowObject: false).ToList();
        Assert.False(File.Exists(dir.File("a.png")), "Transform must not write files: SaveOutputs is the write step");
        var png = ImageDecoder.Decode(rows.Single().Output, "output");
        Assert.Equal(64, Math.Max(png.Width, png.Height));
        var first = StyleFileWriter.SaveOutputs(model.Transform(data), options).Single();
        Assert.Equal(dir.File("a.png"), first.Path);
        Assert.True(first.StyleDrop > 1, $"style drop {first.StyleDrop}");
        Assert.True(first.ContentLoss > 0);
        var written = ImageDecoder.Load(first.Path);
        Assert.Equal(64, Math.Max(written.Width, written.Height));

        var zip = dir.File("style.zip");
        StyleImageModel.Save(ml, model, data.Schema, estimator, zip);
        var plain = new MLContext();
        MlNetFacesCatalog.Register(plain);
        var refused = Assert.ThrowsAny<Exception>(() => plain.Model.Load(zip, out _).Transform(data).Preview());
        Assert.Contains("StyleImageModel.Load", Flatten(refused), StringComparison.Ordinal);

        var fresh = new MLContext();
        var loaded = StyleImageModel.Load(fresh, zip, out var schema);
        Assert.NotNull(schema.GetColumnOrNull("ContentPath"));
        var again = fresh.Data.LoadFromEnumerable([new PathRow { ContentPath = Content, OutputPath = dir.File("b.png") }]);
        var second = StyleFileWriter.SaveOutputs(loaded.Transform(again), options).Single();
        Assert.Equal(first.StyleDrop, second.StyleDrop, 3);
        Assert.Equal(first.ContentLoss, second.ContentLoss, first.ContentLoss * 1e-3);
        var a = ImageDecoder.Load(first.Path).Pixels;
        var b = ImageDecoder.Load(second.Path).Pixels;
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() <= 2, "the reloaded transform should paint the same image");

        var jpeg = fresh.Data.LoadFromEnumerable([new PathRow { ContentPath = Content, OutputPath = dir.File("c.jpg") }]);
        var third = StyleFileWriter.SaveOutputs(loaded.Transform(jpeg), options).Single();
        Assert.Equal(0xFF, File.ReadAllBytes(third.Path)[0]); // a JPEG file (SOI marker), not PNG bytes under a .jpg name
        Assert.Equal(64, Math.Max(ImageDecoder.Load(third.Path).Width, ImageDecoder.Load(third.Path).Height));
    }

    [Fact]
    public void BadInputIsRefusedWithAClearMessage()
    {
        var ml = new MLContext();
        var missing = Assert.Throws<FileNotFoundException>(() => ml.Transforms.StylizeImages(new StyleImageTransformOptions { StylePaths = [dir.File("none.jpg")] }));
        Assert.Contains("none.jpg", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ml.Transforms.StylizeImages(new StyleImageTransformOptions()));
        var zero = Assert.Throws<ArgumentException>(() => ml.Transforms.StylizeImages(new StyleImageTransformOptions
        {
            StylePaths = [Style],
            Transfer = new StyleTransferOptions { Steps = 0 },
        }));
        Assert.Contains("steps", zero.Message, StringComparison.Ordinal);

        var estimator = ml.Transforms.StylizeImages(new StyleImageTransformOptions { StylePaths = [Style] });
        var noContent = ml.Data.LoadFromEnumerable([new OutputOnlyRow { OutputPath = dir.File("x.png") }]);
        var schema = Assert.ThrowsAny<ArgumentException>(() => estimator.Fit(noContent));
        Assert.Contains("ContentPath", schema.Message, StringComparison.Ordinal);
        var noPath = ml.Data.LoadFromEnumerable([new ContentOnlyRow { ContentPath = Content }]);
        var write = Assert.ThrowsAny<ArgumentException>(() => StyleFileWriter.SaveOutputs(estimator.Fit(noPath).Transform(noPath), new StyleImageTransformOptions()));
        Assert.Contains("OutputPath", write.Message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);

    private sealed class PathRow
    {
        public string ContentPath { get; set; } = string.Empty;

        public string OutputPath { get; set; } = string.Empty;
    }

    private sealed class ContentOnlyRow
    {
        public string ContentPath { get; set; } = string.Empty;
    }

    private sealed class OutputOnlyRow
    {
        public string OutputPath { get; set; } = string.Empty;
    }

    private sealed class ResultRow
    {
        public byte[] Output { get; set; } = [];

        public float StyleDrop { get; set; }

        public float ContentLoss { get; set; }
    }
}

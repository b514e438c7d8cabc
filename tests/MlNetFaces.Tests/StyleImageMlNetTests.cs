using Microsoft.ML;
using MlNetFaces.Imaging;
using MlNetFaces.MachineLearning;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Tests;

/// <summary>The Gatys optimisation as an ML.NET transform: fit, transform, save with its style image, load in a fresh context.</summary>
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
        var first = ml.Data.CreateEnumerable<ResultRow>(model.Transform(data), reuseRowObject: false).Single();
        Assert.True(first.StyleDrop > 1, $"style drop {first.StyleDrop}");
        Assert.True(first.ContentLoss > 0);
        var written = ImageDecoder.Load(first.OutputPath);
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
        var second = fresh.Data.CreateEnumerable<ResultRow>(loaded.Transform(again), reuseRowObject: false).Single();
        Assert.Equal(first.StyleDrop, second.StyleDrop, 3);
        Assert.Equal(first.ContentLoss, second.ContentLoss, first.ContentLoss * 1e-3);
        var a = ImageDecoder.Load(first.OutputPath).Pixels;
        var b = ImageDecoder.Load(second.OutputPath).Pixels;
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() <= 2, "the reloaded transform should paint the same image");
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
        var noOutput = ml.Data.LoadFromEnumerable([new ContentOnlyRow { ContentPath = Content }]);
        var schema = Assert.ThrowsAny<ArgumentException>(() => estimator.Fit(noOutput));
        Assert.Contains("OutputPath", schema.Message, StringComparison.Ordinal);
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

    private sealed class ResultRow
    {
        public string OutputPath { get; set; } = string.Empty;

        public float StyleDrop { get; set; }

        public float ContentLoss { get; set; }
    }
}

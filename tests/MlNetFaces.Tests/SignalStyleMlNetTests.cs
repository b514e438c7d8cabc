using Microsoft.ML;
using MlNetFaces.Audio;
using MlNetFaces.MachineLearning;
using MlNetFaces.Tests.Audio;
using MlNetFaces.Tests.Volumes;
using MlNetFaces.Volumes;

namespace MlNetFaces.Tests;

/// <summary>The ML.NET audio and volume style transforms: fit, transform in memory, write explicitly, save, load in a fresh MLContext.</summary>
public sealed class SignalStyleMlNetTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-signal-ml-");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void VolumeTransformKeepsOutputsInMemoryUntilSavedAndSurvivesSaveAndLoad()
    {
        var content = dir.File("content.nii.gz");
        var style = dir.File("style.nii");
        NiftiWriter.Write(content, VolumeStyleTransferTests.Sphere(12, 8));
        NiftiWriter.Write(style, VolumeStyleTransferTests.Stripes(10, seed: 3));
        var rows = Run(ml => ml.Transforms.StylizeVolumes(), content, style, ".nii.gz");
        foreach (var (output, drop, correlation) in rows)
        {
            Assert.Equal([12, 12, 8], NiftiReader.Read(output).Dimensions);
            Assert.True(drop > 1, $"style drop {drop}");
            Assert.True(correlation > 0.05, $"voxel correlation {correlation}"); // measured 0.116: a 12×12×8 sphere under strong stripes
        }
    }

    [Fact]
    public void AudioTransformKeepsOutputsInMemoryUntilSavedAndSurvivesSaveAndLoad()
    {
        var content = dir.File("content.wav");
        var style = dir.File("style.wav");
        WavWriter.Write(content, SyntheticAudio.Mono(SyntheticAudio.Bursts(300, 22050, 2500, 500), 22050));
        WavWriter.Write(style, SyntheticAudio.Mono(SyntheticAudio.Noise(2500, seed: 2, amplitude: 0.05), 22050));
        foreach (var (output, drop, correlation) in Run(ml => ml.Transforms.StylizeAudio(), content, style, ".wav"))
        {
            Assert.Equal(2500, WavReader.Read(output).Length);
            Assert.True(drop > 1, $"style drop {drop}");
            Assert.True(correlation > 0.5, $"envelope correlation {correlation}");
        }
    }

    /// <summary>
    /// Fits, transforms (no file appears: the transform keeps its results in memory), writes with
    /// <see cref="StyleFileWriter.SaveOutputs"/>, saves, loads in a fresh context and does it again: (output, drop,
    /// correlation) of both.
    /// </summary>
    private List<(string Output, float Drop, float Correlation)> Run(Func<MLContext, IEstimator<ITransformer>> estimator, string content, string style, string extension)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new PathRow { ContentPath = content, StylePath = style, OutputPath = dir.File("a" + extension) }]);
        var model = estimator(ml).Fit(data);
        var inMemory = ml.Data.CreateEnumerable<ResultRow>(model.Transform(data), reuseRowObject: false).Single();
        Assert.NotEmpty(inMemory.Output);
        Assert.False(File.Exists(inMemory.OutputPath), "the lazy transform wrote a file");
        var results = StyleFileWriter.SaveOutputs(model.Transform(data)).ToList();
        Assert.Equal([inMemory.OutputPath], results.Select(r => r.Path));
        Assert.True(File.Exists(inMemory.OutputPath));
        var zip = dir.File("model.zip");
        ml.Model.Save(model, data.Schema, zip);

        var fresh = new MLContext();
        MlNetFacesCatalog.Register(fresh);
        var loaded = fresh.Model.Load(zip, out _);
        var again = fresh.Data.LoadFromEnumerable([new PathRow { ContentPath = content, StylePath = style, OutputPath = dir.File("b" + extension) }]);
        results.AddRange(StyleFileWriter.SaveOutputs(loaded.Transform(again)));
        Assert.Equal(2, results.Count);
        return results.Select(r => (r.Path, r.StyleDrop, r.ContentCorrelation)).ToList();
    }

    private sealed class PathRow
    {
        public string ContentPath { get; set; } = string.Empty;

        public string StylePath { get; set; } = string.Empty;

        public string OutputPath { get; set; } = string.Empty;
    }

    private sealed class ResultRow
    {
        public string OutputPath { get; set; } = string.Empty;

        public byte[] Output { get; set; } = [];

        public float StyleDrop { get; set; }

        public float ContentCorrelation { get; set; }
    }
}

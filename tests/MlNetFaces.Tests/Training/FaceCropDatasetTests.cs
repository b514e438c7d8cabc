using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Training;
using Xunit.Abstractions;

namespace MlNetFaces.Tests.Training;

/// <summary>The folder-per-identity loader: bad data is reported and skipped; crops are cached by content; splits are person-disjoint.</summary>
public sealed class FaceCropDatasetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder root = new("mlnetfaces-dataset-");

    [SkippableFact]
    public void BadDataIsReportedAndSkipped()
    {
        var lfw = TrainingData.LfwOrSkip();
        var faces = Directory.GetFiles(Path.Combine(lfw, "Colin_Powell")).Order(StringComparer.Ordinal).Take(3).ToList();
        Copy("good", faces[0], faces[1]);                                    // kept
        Copy("single", faces[2]);                                            // one image: identity skipped
        Copy("unreadable", faces[0]);                                        // one usable image left: identity skipped
        File.WriteAllText(root.File("unreadable", "broken.jpg"), "not a jpeg");
        Directory.CreateDirectory(root.File("faceless"));           // no face in either: identity skipped
        ImageEncoder.Save(new RgbImage(120, 120, Enumerable.Repeat((byte)128, 120 * 120 * 3).ToArray()), root.File("faceless", "a.png"));
        ImageEncoder.Save(new RgbImage(100, 100, Enumerable.Repeat((byte)30, 100 * 100 * 3).ToArray()), root.File("faceless", "b.png"));

        var cropper = new FaceCropper(FaceCropMode.Align, new FaceCropCache(root.File(".crops")), new FacePipelineOptions { Store = TestPaths.Models });
        var data = FaceCropDataset.Build(FaceCropDataset.ListFolders(root.Path), cropper);
        foreach (var problem in data.Problems)
        {
            output.WriteLine(problem);
        }

        Assert.Equal(["good"], data.Identities);
        Assert.Equal(2, data.Count);
        Assert.Contains(data.Problems, p => p.StartsWith("single: 1 image(s)", StringComparison.Ordinal));
        Assert.Contains(data.Problems, p => p.Contains("broken.jpg", StringComparison.Ordinal) && p.EndsWith("image skipped", StringComparison.Ordinal));
        Assert.Contains(data.Problems, p => p.StartsWith("unreadable: 1 usable image(s)", StringComparison.Ordinal));
        Assert.Contains(data.Problems, p => p.Contains("a.png: no face found", StringComparison.Ordinal));
        Assert.Contains(data.Problems, p => p.StartsWith("faceless: 0 usable image(s)", StringComparison.Ordinal));

        // The second pass reads every crop (and every "no face") from the cache: same crops, same report.
        var again = FaceCropDataset.Build(FaceCropDataset.ListFolders(root.Path), cropper);
        Assert.Equal(data.Problems, again.Problems);
        using var a = data.Images([0, 1]);
        using var b = again.Images([0, 1]);
        Assert.True(a.equal(b).all().item<bool>());
    }

    [SkippableFact]
    public void SplitByIdentityIsPersonDisjoint()
    {
        var orl = TrainingData.OrlOrSkip();
        var images = FaceCropDataset.ListFolders(orl).Where(i => i.Identity is "s1" or "s2" or "s3" or "s4" or "s5").ToList();
        var data = FaceCropDataset.Build(images, new FaceCropper(FaceCropMode.Resize, new FaceCropCache(root.File(".crops"))));
        Assert.Equal(50, data.Count);
        var (train, validation) = data.SplitByIdentity(0.4, seed: 2);
        Assert.Equal(3, train.Identities.Count);
        Assert.Equal(2, validation.Identities.Count);
        Assert.Empty(train.Identities.Intersect(validation.Identities));
        Assert.Equal(50, train.Count + validation.Count);
    }

    public void Dispose() => root.Dispose();

    private void Copy(string identity, params string[] files)
    {
        var folder = Directory.CreateDirectory(root.File(identity)).FullName;
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}

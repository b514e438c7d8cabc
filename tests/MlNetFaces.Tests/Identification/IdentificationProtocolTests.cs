using MlNetFaces.Gallery;
using MlNetFaces.Embedding;
using MlNetFaces.Evaluation;

namespace MlNetFaces.Tests.Identification;

/// <summary>The identification split, CMC and open-set rates on constructed embeddings whose answers are known by hand.</summary>
public sealed class IdentificationProtocolTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-ident-");

    public void Dispose() => dir.Dispose();

    private static float[] V(float x, float y) => [x, y, 0, 0];

    [Fact]
    public void CmcAndOpenSetRatesMatchHandComputedValues()
    {
        (string, float[])[] gallery = [("a", V(0, 0)), ("b", V(1, 0)), ("c", V(0, 1))];
        (string, float[])[] genuine =
        [
            ("a", V(0.1f, 0)),   // rank 1, distance 0.1
            ("b", V(0.7f, 0)),   // rank 1 (b at 0.3, a at 0.7)
            ("c", V(0, 0.3f)),   // rank 2: a at 0.3 is nearer than c at 0.7
            ("a", V(0, 0.45f)),  // rank 1 (a at 0.45, c at 0.55)
        ];
        float[][] impostors = Enumerable.Range(0, 200).Select(i => V(-0.2f - (0.01f * i), 0)).ToArray(); // nearest: a at 0.2 .. 2.19

        var report = IdentificationProtocol.Evaluate(gallery, genuine, impostors, maxRank: 5);

        Assert.Equal(3, report.GalleryIdentities);
        Assert.Equal(3, report.Cmc.Count); // never longer than the gallery
        Assert.Equal(0.75, report.Rank1, 12);
        Assert.Equal(1.0, report.Cmc[1], 12);
        Assert.Equal(1.0, report.Rank5, 12);

        // FAR 1%: 2 of the 200 impostors may pass: those at 0.20 and 0.21, threshold midway to 0.22.
        var far1 = report.OpenSet[0];
        Assert.Equal(0.01, far1.Far);
        Assert.Equal(0.215, far1.Threshold, 5);
        Assert.Equal(0.01, far1.MeasuredFar, 12);
        Assert.Equal(0.25, far1.Dir, 12); // only the probe at 0.1 is identified and close enough

        // FAR 0.1%: no impostor may pass, so the threshold lies just below the nearest one (0.2).
        var far01 = report.OpenSet[1];
        Assert.InRange(far01.Threshold, 0.1999, 0.2000001); // 0.2f, one ulp (in double) below
        Assert.Equal(0, far01.MeasuredFar);
        Assert.Equal(0.25, far01.Dir, 12);
    }

    [Fact]
    public void ReportsTheProbesSearchedAndStopsWhenCancelled()
    {
        (string, float[])[] gallery = [("a", V(0, 0)), ("b", V(1, 0))];
        var genuine = Enumerable.Range(0, 600).Select(i => (i % 2 == 0 ? "a" : "b", V(i % 2, 0.001f * i))).ToArray();
        var impostors = Enumerable.Range(0, 100).Select(i => V(-1, 0.01f * i)).ToArray();
        var seen = new List<ItemProgress>();

        var report = IdentificationProtocol.Evaluate(gallery, genuine, impostors, progress: new InlineProgress<ItemProgress>(seen.Add));

        Assert.Equal(1.0, report.Rank1, 12);
        Assert.Equal([new(512, 700), new(600, 700), new(700, 700)], seen); // genuine probes in searches of 512, then the impostors

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => IdentificationProtocol.Evaluate(gallery, genuine, impostors, cancellationToken: cancel.Token));
    }

    [Fact]
    public void ProbesOfPeopleOutsideTheGalleryAreRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            IdentificationProtocol.Evaluate([("a", V(0, 0))], [("z", V(0, 0))], []));
        Assert.Contains("'z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersSplitIntoGalleryGenuineAndImpostors()
    {
        Touch("Bob/Bob_0002.jpg", "Bob/Bob_0001.jpg", "Bob/notes.txt", "Ann/Ann_0001.png", "Cy/Cy_0001.jpg", "Cy/Cy_0002.jpg", "Cy/Cy_0003.jpg", ".hidden/x_0001.jpg", ".hidden/x_0002.jpg");
        Directory.CreateDirectory(dir.File("Empty"));

        var set = IdentificationSet.FromFolders(dir.Path);

        Assert.Equal(["Bob_0001.jpg", "Cy_0001.jpg"], set.Gallery.Select(g => Path.GetFileName(g.Path)));
        Assert.Equal(["Bob_0002.jpg", "Cy_0002.jpg", "Cy_0003.jpg"], set.Genuine.Select(g => Path.GetFileName(g.Path)));
        Assert.Equal("Ann", Assert.Single(set.Impostors).Identity);
    }

    [Fact]
    public void AFolderWithNobodyToEnrolIsAClearError()
    {
        Touch("Ann/Ann_0001.jpg");
        var ex = Assert.Throws<InvalidDataException>(() => IdentificationSet.FromFolders(dir.Path));
        Assert.Contains("two or more images", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => IdentificationSet.FromFolders(dir.File("missing")));
    }

    [Fact]
    public void AFailedGalleryImageLeavesThatPersonOut()
    {
        Touch("Bob/Bob_0001.jpg", "Bob/Bob_0002.jpg", "Cy/Cy_0001.jpg", "Cy/Cy_0002.jpg", "Cy/Cy_0003.jpg", "Dee/Dee_0001.jpg");
        var set = IdentificationSet.FromFolders(dir.Path);
        var embeddings = new Dictionary<string, CachedEmbedding>(StringComparer.Ordinal);
        foreach (var image in set.Gallery.Concat(set.Genuine).Concat(set.Impostors))
        {
            var x = image.Identity == "Bob" ? 0f : 1f;
            embeddings[image.Path] = new CachedEmbedding(V(x, 0), V(x, 0));
        }

        var bobGallery = set.Gallery.Single(g => g.Identity == "Bob").Path;
        embeddings[bobGallery] = new CachedEmbedding(null, null); // no face
        var cyProbe = set.Genuine.First(g => g.Identity == "Cy").Path;
        embeddings.Remove(cyProbe);
        var run = IdentificationRun.Score(set, new EmbeddingRun(embeddings, new Dictionary<string, string> { [cyProbe] = "file not found" }));

        Assert.Equal(1, run.Plain.GalleryIdentities);
        Assert.Equal(1, run.Plain.GenuineProbes); // Cy's other probe; Bob's probe left out with him
        Assert.Equal(2, run.Failed.Count);
        Assert.Contains(run.Failed, f => f.Contains("no face found (gallery image: Bob and 1 probe(s) left out)", StringComparison.Ordinal));
        Assert.Contains(run.Failed, f => f.Contains("file not found", StringComparison.Ordinal));
        Assert.Equal(1.0, run.Flip.Rank1);
    }

    private void Touch(params string[] files)
    {
        foreach (var file in files)
        {
            var path = dir.File(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, []);
        }
    }
}

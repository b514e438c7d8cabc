using MlNetFaces.Gallery;

namespace MlNetFaces.Tests.Gallery;

/// <summary>The SIMD index against a brute-force search: every kernel path, several templates per identity.</summary>
public sealed class GalleryIndexTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 5)]
    [InlineData(100, 9, 3)]
    [InlineData(1037, 13, 10)]
    [InlineData(5000, 70, 5)]
    public void MatchesBruteForce(int templates, int probes, int top)
    {
        var random = new Random(templates + probes);
        const int D = 128;
        var identities = Math.Max(1, templates / 3);
        var identityOf = Enumerable.Range(0, templates).Select(i => i < identities ? i : random.Next(identities)).ToArray();
        var rows = Enumerable.Range(0, templates).Select(_ => Vector(random, D)).ToArray();
        var names = Enumerable.Range(0, identities).Select(i => $"id{i}").ToArray();
        using var index = new GalleryIndex(templates, D, (n, row) => rows[n].CopyTo(row), identityOf, names, new GalleryThreshold(1.0, false, "test"), "m");

        // Probes: half near a template, half random.
        var queries = Enumerable.Range(0, probes).Select(p => p % 2 == 0 ? Near(random, rows[random.Next(templates)]) : Vector(random, D)).ToList();
        var batch = index.Search(queries, top);
        for (var p = 0; p < probes; p++)
        {
            var expected = rows.Select((r, n) => (Identity: identityOf[n], Distance: MlNetFaces.FaceDistance.Euclidean(queries[p], r)))
                .GroupBy(x => x.Identity)
                .Select(g => (Name: names[g.Key], Distance: g.Min(x => x.Distance)))
                .OrderBy(x => x.Distance)
                .Take(top)
                .ToList();
            Assert.Equal(expected.Select(e => e.Name), batch[p].Top.Select(c => c.Identity));
            Assert.Equal(expected.Select(e => (double)e.Distance), batch[p].Top.Select(c => (double)c.Distance), new Tolerance(1e-5));
            Assert.Equal(expected[0].Distance <= 1.0 ? expected[0].Name : GalleryMatch.Unknown, batch[p].Identity);

            // A single search gives the same answer as the batch.
            Assert.Equal(batch[p].Top, index.Search(queries[p], top).Top);
        }
    }

    [Fact]
    public void SerialAndParallelSearchAgree()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 20000).Select(_ => Vector(random, 128)).ToArray();
        var names = Enumerable.Range(0, rows.Length).Select(i => $"id{i}").ToArray();
        using var index = new GalleryIndex(rows.Length, 128, (n, row) => rows[n].CopyTo(row), Enumerable.Range(0, rows.Length).ToArray(), names, new GalleryThreshold(0.6, false, "t"), "m");
        var queries = Enumerable.Range(0, 9).Select(_ => Vector(random, 128)).ToList();
        index.Parallelism = 1;
        var serial = index.Search(queries, 7);
        index.Parallelism = 4;
        var parallel = index.Search(queries, 7);
        Assert.Equal(serial.Select(m => m.Top), parallel.Select(m => m.Top), new TopComparer());
    }

    [Fact]
    public void EmptyGalleryAndThresholdBoundary()
    {
        using var empty = new GalleryIndex(0, 4, (_, _) => { }, [], [], new GalleryThreshold(0.6, false, "t"), "m");
        var none = empty.Search([1f, 0, 0, 0]);
        Assert.Equal(GalleryMatch.Unknown, none.Identity);
        Assert.True(float.IsNaN(none.Distance));
        Assert.Empty(none.Top);

        float[][] rows = [[0, 0, 0, 1], [0, 0, 1, 0]];
        using var index = new GalleryIndex(2, 4, (n, row) => rows[n].CopyTo(row), [0, 1], ["a", "b"], new GalleryThreshold(0.5, false, "t"), "m");
        Assert.Equal("a", index.Search([0, 0, 0, 1.5f]).Identity); // distance 0.5: at the threshold is accepted
        Assert.Equal(GalleryMatch.Unknown, index.Search([0, 0, 0, 1.51f]).Identity);
        Assert.Equal(2, index.Search([0, 0, 0, 1.51f], top: 9).Top.Count);
        Assert.Throws<GalleryException>(() => index.Search([0, 0, 0, 1f], top: 0));
        Assert.Throws<ArgumentException>(() => index.Search([0, 0, float.NaN, 1f]));
        Assert.Throws<ArgumentException>(() => index.Search([0, 0, 1f]));
    }

    private static float[] Vector(Random random, int d)
    {
        var v = Enumerable.Range(0, d).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static float[] Near(Random random, float[] row) => row.Select(x => x + (float)((random.NextDouble() - 0.5) * 0.02)).ToArray();

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }

    private sealed class TopComparer : IEqualityComparer<IReadOnlyList<GalleryCandidate>>
    {
        public bool Equals(IReadOnlyList<GalleryCandidate>? x, IReadOnlyList<GalleryCandidate>? y) =>
            x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(IReadOnlyList<GalleryCandidate> obj) => obj.Count;
    }
}

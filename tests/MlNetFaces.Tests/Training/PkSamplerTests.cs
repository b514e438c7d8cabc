using MlNetFaces.Training;

namespace MlNetFaces.Tests.Training;

public class PkSamplerTests
{
    // Identities 0..4 with 5, 3, 4, 3, 6 images; identity 5 has 1.
    private static readonly int[] Labels = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5];

    [Fact]
    public void EveryBatchHasPIdentitiesWithKDistinctImagesEach()
    {
        var sampler = new PkSampler(Labels, p: 2, k: 3, seed: 3, skipShortIdentities: true);
        var batches = sampler.Epoch().ToList();
        Assert.Equal(2, batches.Count); // 5 eligible identities / P = 2
        foreach (var batch in batches)
        {
            Assert.Equal(6, batch.Length);
            Assert.Equal(6, batch.Distinct().Count());
            var groups = batch.GroupBy(i => Labels[i]).ToList();
            Assert.Equal(2, groups.Count);
            Assert.All(groups, g => Assert.Equal(3, g.Count()));
        }

        Assert.Equal(4, batches.SelectMany(b => b.Select(i => Labels[i])).Distinct().Count());
    }

    [Fact]
    public void IdentitiesShortOfKAreAClearErrorUnlessSkipped()
    {
        var error = Assert.Throws<ArgumentException>(() => new PkSampler(Labels, p: 2, k: 3, seed: 1));
        Assert.Contains("fewer than K = 3", error.Message, StringComparison.Ordinal);

        var sampler = new PkSampler(Labels, p: 2, k: 4, seed: 1, skipShortIdentities: true);
        Assert.Equal([1, 3, 5], sampler.Skipped);
        Assert.All(sampler.Epoch().SelectMany(b => b), i => Assert.DoesNotContain(Labels[i], sampler.Skipped));
    }

    [Fact]
    public void TooFewEligibleIdentitiesForABatchIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => new PkSampler(Labels, p: 4, k: 5, seed: 1, skipShortIdentities: true));
        Assert.Contains("P = 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatches()
    {
        var a = new PkSampler(Labels, 2, 3, seed: 9, skipShortIdentities: true);
        var b = new PkSampler(Labels, 2, 3, seed: 9, skipShortIdentities: true);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(a.Epoch().ToList(), b.Epoch().ToList());
        }
    }
}

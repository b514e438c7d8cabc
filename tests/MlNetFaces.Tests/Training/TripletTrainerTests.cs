using MlNetFaces.Training;

namespace MlNetFaces.Tests.Training;

/// <summary>The trainer is reproducible from its seed, and a checkpointed run resumes after its last completed epoch.</summary>
[Trait("Category", "Slow")]
public sealed class TripletTrainerTests : IDisposable
{
    /// <summary>The small CNN of these tests.</summary>
    private static readonly EmbeddingNetworkSpec SmallNet = new(NetworkSource.Scratch, EmbeddingDimension: 16, ImageSize: 48, Width: 8);

    /// <summary>4×4 batches of <see cref="SmallNet"/>, seed 5.</summary>
    private static readonly TripletTrainingOptions Small = new() { Network = SmallNet, P = 4, K = 4, Seed = 5 };

    private readonly TempFolder dir = new("mlnetfaces-trainer-");

    [SkippableFact]
    public void SameSeedSameNetAndResumeContinuesFromTheCheckpoint()
    {
        var data = OrlCrops(people: 8);
        var options = Small with { Epochs = 1 };

        var a = TripletTrainer.Train(data, options);
        var b = TripletTrainer.Train(data, options);
        // Same seed: same weights, batches and augmentation. The runs were ~1e-3 apart while oneDNN's thin-convolution
        // gradients were wrong (see ThinConvolution); now they agree bit for bit here (4 runs), and closely anywhere.
        var embedA = TripletTrainer.Embed(a.Network, data);
        var embedB = TripletTrainer.Embed(b.Network, data);
        var diff = embedA.Zip(embedB, (x, y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max()).Max();
        Assert.True(diff < 1e-5, $"same seed, max abs embedding difference {diff}");

        var checkpoint = dir.File("run.ckpt");
        var first = TripletTrainer.Train(data, options with { CheckpointPath = checkpoint });
        Assert.Equal(1, TrainingCheckpoint.TryRead(checkpoint)!.CompletedEpochs);
        var resumed = TripletTrainer.Train(data, options with { CheckpointPath = checkpoint, Resume = true, Epochs = 2 });
        Assert.Equal(2, resumed.Epochs);
        Assert.Equal(first.Steps, resumed.Steps); // only the second epoch ran
        Assert.Equal(2, TrainingCheckpoint.TryRead(checkpoint)!.CompletedEpochs);
    }

    [SkippableFact]
    public void AWidth4NetTrainsToTheSameFiniteLossesTwice()
    {
        // oneDNN's AVX-512 input gradients of this net's 4→8-channel convolution turned its weights NaN in 2 of 4 runs
        // of these 20 epochs, and same-seed runs drifted apart (see ThinConvolution).
        var data = OrlCrops(people: 8);
        var options = Small with { Network = new(NetworkSource.Scratch, EmbeddingDimension: 8, ImageSize: 32, Width: 4), Epochs = 20, Seed = 1 };

        var a = TripletTrainer.Train(data, options);
        var b = TripletTrainer.Train(data, options);
        Assert.Equal(20, a.Epochs);
        Assert.All(a.EpochLosses, loss => Assert.True(double.IsFinite(loss)));
        Assert.Equal(a.EpochLosses, b.EpochLosses, (x, y) => Math.Abs(x - y) <= 1e-4 * Math.Abs(x));
    }

    [SkippableFact]
    public void ATimeLimitInsideAnEpochCountsNoPartialEpoch()
    {
        var data = OrlCrops(people: 8);
        // A zero time limit stops after the first step, inside epoch 1 (5 steps of 4×4 crops).
        var result = TripletTrainer.Train(data, Small with { Epochs = 3, TimeLimit = TimeSpan.Zero });
        Assert.True(result.StoppedByTimeLimit);
        Assert.Equal(1, result.Steps);
        Assert.Equal(0, result.Epochs);
        Assert.Empty(result.EpochLosses);
    }

    [SkippableFact]
    public void ValidationScoresEveryEpochAndReturnsTheBestEpochsWeights()
    {
        var data = OrlCrops(people: 12);
        var options = Small with { Epochs = 3, LearningRate = 3e-3, ValidationFraction = 0.25 };

        var seen = new List<EpochValidation>();
        var result = TripletTrainer.Train(data, options, validated: new InlineProgress<EpochValidation>(seen.Add));

        Assert.Equal([0, 1, 2, 3], result.Validation.Select(v => v.Epoch));
        Assert.Equal(result.Validation, seen);
        var (_, validation) = data.SplitByIdentity(0.25, options.Seed);
        Assert.Equal(3, validation.Identities.Count);
        Assert.Equal(3 * 10 * 9 / 2, result.Validation[0].SamePairs); // every pair of the 3 held-out people's 10 images
        var best = result.Validation.OrderByDescending(v => v.BalancedAccuracy).ThenByDescending(v => v.Auc).ThenBy(v => v.Epoch).First();
        Assert.Equal(best.Epoch, result.SelectedEpoch);
        var rescored = EmbeddingValidation.Score(result.Network, validation, best.Epoch);
        Assert.Equal(best.Auc, rescored.Auc, 6);
        Assert.Equal(best.BalancedAccuracy, rescored.BalancedAccuracy, 6);
    }

    [SkippableFact]
    public void CancellingStopsBetweenStepsAndTheCheckpointKeepsTheLastEpoch()
    {
        var data = OrlCrops(people: 8);
        var checkpoint = dir.File("cancelled.ckpt");
        using var cancel = new CancellationTokenSource();
        var steps = new List<TrainingProgress>();
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            steps.Add(p);
            if (p.Epoch == 2 && p.Step == 1)
            {
                cancel.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => TripletTrainer.Train(data, Small with { Epochs = 3, CheckpointPath = checkpoint }, progress, cancellationToken: cancel.Token));
        Assert.Equal((2, 1), (steps[^1].Epoch, steps[^1].Step)); // no step after the cancellation
        Assert.Equal(1, TrainingCheckpoint.TryRead(checkpoint)!.CompletedEpochs);

        // A token cancelled beforehand stops the run before any work.
        Assert.Throws<OperationCanceledException>(() => TripletTrainer.Train(data, Small, cancellationToken: cancel.Token));
    }

    [SkippableFact]
    public void ADivergingRunStopsWithAClearError()
    {
        var data = OrlCrops(people: 4);
        // Adam moves every weight by ~1e30: the next forward pass overflows.
        var error = Assert.Throws<TrainingDivergedException>(() => TripletTrainer.Train(data, Small with { Epochs = 50, Seed = 1, LearningRate = 1e30 }));
        Assert.Contains("Training diverged at epoch", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lower the learning rate", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AValidationSplitWithoutTwoPeopleOnEachSideIsRefused()
    {
        var data = OrlCrops(people: 3);
        var error = Assert.Throws<ArgumentException>(() => TripletTrainer.Train(data, new TripletTrainingOptions { ValidationFraction = 0.2 }));
        Assert.Contains("both need at least 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Resized crops of ORL people s1..s<paramref name="people"/> (skips without ../shared).</summary>
    private FaceCropDataset OrlCrops(int people)
    {
        var orl = TrainingData.OrlOrSkip();
        var images = FaceCropDataset.ListFolders(orl).Where(i => int.Parse(i.Identity[1..], System.Globalization.CultureInfo.InvariantCulture) <= people).ToList();
        return FaceCropDataset.Build(images, new FaceCropper(FaceCropMode.Resize, new FaceCropCache(dir.File("crops"))));
    }

    public void Dispose() => dir.Dispose();
}

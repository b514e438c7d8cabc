namespace MlNetFaces.Training;

/// <summary>Options of <see cref="TripletTrainer"/>.</summary>
public sealed record TripletTrainingOptions
{
    /// <summary>The loss (triplet, soft triplet or contrastive), its margin and the mining strategy.</summary>
    public EmbeddingLossOptions LossOptions { get; init; } = new();

    /// <summary>The net: from scratch or the pretrained trunk with a new head, embedding size, input size, width, normalisation.</summary>
    public EmbeddingNetworkSpec Network { get; init; } = new(NetworkSource.Scratch);

    /// <summary>Identities per batch.</summary>
    public int P { get; init; } = 16;

    /// <summary>Images per identity in a batch.</summary>
    public int K { get; init; } = 4;

    /// <summary>Leave out (and report) identities with fewer than K images instead of failing.</summary>
    public bool SkipShortIdentities { get; init; } = true;

    /// <summary>Passes over the training identities (each a sequence of P×K batches).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Stop after this much training time (checked between steps); null: no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Adam learning rate (of the head, for a pretrained net).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The trunk's learning rate, as a fraction of <see cref="LearningRate"/>, once unfrozen.</summary>
    public double TrunkLearningRateFactor { get; init; } = 0.1;

    /// <summary>Pretrained net: epochs with the trunk frozen (only the head trains) before it is unfrozen.</summary>
    public int FrozenEpochs { get; init; } = 1;

    /// <summary>Adam's weight decay (L2 penalty).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Augment the batches: flip, small shifts, brightness and contrast jitter.</summary>
    public bool Augment { get; init; } = true;

    /// <summary>
    /// Fraction of the identities held out (person-disjoint) to validate before training and after every epoch; the
    /// weights of the epoch with the best validation score (balanced accuracy, then AUC) are returned (epoch 0, the untrained net, included). 0: no
    /// validation, the last epoch's weights are returned.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Seeds the sampler, the initial weights and the augmentation: the same seed gives the same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Write a checkpoint here after each epoch (weights + JSON state); null: none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/> when it exists.</summary>
    public bool Resume { get; init; }
}

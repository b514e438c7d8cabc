using TorchSharp;
using System.Diagnostics;
using MlNetFaces.Models;
using MlNetFaces.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>
/// Trains an embedding net on P×K batches of a <see cref="FaceCropDataset"/> with a triplet or contrastive loss and
/// online mining (Adam). Reproducible from the seed; checkpoints after every epoch and resumes from one; watches for
/// collapse. A pretrained net trains its head alone for <see cref="TripletTrainingOptions.FrozenEpochs"/> epochs, then
/// the whole net, the trunk at a lower learning rate. With <see cref="TripletTrainingOptions.ValidationFraction"/> it holds
/// out people, scores them before training and after each epoch, and returns the best epoch's weights.
/// </summary>
public static class TripletTrainer
{
    /// <summary>Trains a net on <paramref name="data"/> and returns it (in eval mode) with what the run did.</summary>
    /// <param name="data">The face crops and their identities.</param>
    /// <param name="options">Loss, mining, net, P×K, epochs, learning rates, seed, device, validation and checkpoints.</param>
    /// <param name="progress">Receives every training step, on the training thread.</param>
    /// <param name="warn">Receives each warning as it is raised (all are also in <see cref="TrainingResult.Warnings"/>).</param>
    /// <param name="store">Where a pretrained trunk's weights are found; null: the default model store.</param>
    /// <param name="validated">Receives the validation score before training and after each epoch (with <see cref="TripletTrainingOptions.ValidationFraction"/>).</param>
    /// <param name="cancellationToken">
    /// Checked before every step: a cancelled run stops there and throws; the checkpoint (<see cref="TripletTrainingOptions.CheckpointPath"/>)
    /// keeps the last completed epoch, from which <see cref="TripletTrainingOptions.Resume"/> continues.
    /// </param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the embeddings stopped being finite.</exception>
    public static TrainingResult Train(
        FaceCropDataset data,
        TripletTrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        IProgress<string>? warn = null,
        ModelStore? store = null,
        IProgress<EpochValidation>? validated = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var (train, validation) = Split(data, options);
        TorchRuntime.EnsureLoaded();
        var device = TorchRuntime.ParseDevice(options.Device);
        var warnings = new List<string>();
        void Warn(string message)
        {
            warnings.Add(message);
            warn?.Report(message);
        }

        manual_seed(options.Seed);
        var net = EmbeddingNetworks.Create(options.Network, store);
        var startEpoch = Restore(net, options);
        net.to(device);
        var sampler = new PkSampler(train.Labels, options.P, options.K, options.Seed, options.SkipShortIdentities);
        if (sampler.Skipped.Count > 0)
        {
            Warn($"{sampler.Skipped.Count} of {train.Identities.Count} identities have fewer than K = {options.K} images and are left out of the P×K batches.");
        }

        using var generator = new Generator((ulong)options.Seed);
        var augmentation = new CropAugmentation();
        var lossOptions = options.LossOptions with { Normalize = options.Network.Normalize };
        var collapse = new CollapseDetector(lossOptions.Loss == LossKind.Triplet ? lossOptions.Margin : 0);
        var clock = Stopwatch.StartNew();
        var epochLosses = new List<double>();
        var steps = 0;
        var stopped = false;
        var epoch = startEpoch;
        Optimizers? optimizers = null;
        using var best = new BestWeights();
        var validations = new List<EpochValidation>();
        void Validate(int completed)
        {
            if (validation is not null)
            {
                var score = EmbeddingValidation.Score(net, validation, completed);
                validations.Add(score);
                best.Offer(net, score);
                validated?.Report(score);
            }
        }

        try
        {
            Validate(startEpoch);
            for (var e = 0; e < options.Epochs && !stopped; e++)
            {
                var batches = sampler.Epoch().ToList(); // drawn for skipped epochs too, so a resumed run sees the same batches
                if (e < startEpoch)
                {
                    continue;
                }

                if (optimizers is null || optimizers.NeedsRebuild(net, e, options))
                {
                    optimizers?.Dispose();
                    optimizers = Optimizers.Create(net, e, options);
                }

                net.train();
                var sum = 0.0;
                var done = 0;
                for (var b = 0; b < batches.Count; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var step = Step(net, train, batches[b], augmentation, generator, lossOptions, optimizers, device, options.Augment);
                    if (!double.IsFinite(step.Loss) || !double.IsFinite(step.EmbeddingNorm))
                    {
                        throw new TrainingDivergedException(
                            $"Training diverged at epoch {e + 1}, step {b + 1}: the loss is {step.Loss} and the mean embedding norm {step.EmbeddingNorm}. " +
                            $"Lower the learning rate (it is {options.LearningRate}){(options.CheckpointPath is { } saved ? $"; the last checkpoint ({saved}) holds the last completed epoch" : string.Empty)}.");
                    }

                    sum += step.Loss;
                    steps++;
                    var report = step with { Epoch = e + 1, Epochs = options.Epochs, Step = b + 1, StepsPerEpoch = batches.Count, Seconds = clock.Elapsed.TotalSeconds };
                    done = b + 1;
                    progress?.Report(report);
                    if (collapse.Observe(report) is { } warning)
                    {
                        Warn(warning);
                    }

                    if (options.TimeLimit is { } limit && clock.Elapsed >= limit)
                    {
                        stopped = true;
                        break;
                    }
                }

                if (done < batches.Count)
                {
                    break; // stopped inside the epoch: it counts neither as an epoch nor in the epoch losses
                }

                epochLosses.Add(sum / Math.Max(1, batches.Count));
                epoch = e + 1;
                if (options.CheckpointPath is { } path)
                {
                    new TrainingCheckpoint(options.Network, epoch, options.Seed).Write(path, net);
                }

                Validate(epoch);
            }
        }
        finally
        {
            optimizers?.Dispose();
        }

        best.Restore(net);
        net.eval();
        return new TrainingResult(net, epoch, steps, clock.Elapsed.TotalSeconds, epochLosses, warnings, stopped, validations, best.Best?.Epoch ?? epoch);
    }

    private static (FaceCropDataset Train, FaceCropDataset? Validation) Split(FaceCropDataset data, TripletTrainingOptions options)
    {
        if (options.ValidationFraction == 0)
        {
            return (data, null);
        }

        if (options.ValidationFraction is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ValidationFraction must lie in [0,1), got {options.ValidationFraction}.");
        }

        var (train, validation) = data.SplitByIdentity(options.ValidationFraction, options.Seed);
        if (validation.Identities.Count < 2 || train.Identities.Count < 2)
        {
            throw new ArgumentException(
                $"A validation fraction of {options.ValidationFraction} of {data.Identities.Count} identities leaves {validation.Identities.Count} for validation and {train.Identities.Count} for training; both need at least 2.");
        }

        return (train, validation);
    }

    /// <summary>Embeddings [N,D] of crops in batches, in eval mode and without gradients (on the CPU).</summary>
    /// <param name="net">The net (left in eval mode).</param>
    /// <param name="data">The crops, all embedded in their order.</param>
    /// <param name="batchSize">Crops per forward pass.</param>
    public static float[][] Embed(EmbeddingNetwork net, FaceCropDataset data, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Embed(net, data, Enumerable.Range(0, data.Count).ToArray(), batchSize);
    }

    /// <summary>Embeddings of the given items of <paramref name="data"/>, in their order.</summary>
    /// <param name="net">The net (left in eval mode).</param>
    /// <param name="data">The crops.</param>
    /// <param name="items">Indices of the crops to embed.</param>
    /// <param name="batchSize">Crops per forward pass.</param>
    public static float[][] Embed(EmbeddingNetwork net, FaceCropDataset data, IReadOnlyList<int> items, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(items);
        net.eval();
        var device = net.parameters().First().device;
        var rows = new List<float[]>(items.Count);
        using var noGrad = no_grad();
        for (var start = 0; start < items.Count; start += batchSize)
        {
            // The nets' forward passes make implicit Scalars (e.g. the input scaling), as the training steps do.
            using var quiet = FinalizerFreeRegion.Enter();
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, items.Count - start)).Select(i => items[i]).ToList();
            var output = net.forward(data.Images(indices, device)).cpu();
            var flat = output.data<float>().ToArray();
            var width = (int)output.shape[1];
            rows.AddRange(indices.Select((_, i) => flat.AsSpan(i * width, width).ToArray()));
        }

        return rows.ToArray();
    }

    private static TrainingProgress Step(
        EmbeddingNetwork net,
        FaceCropDataset data,
        int[] batch,
        CropAugmentation augmentation,
        Generator generator,
        EmbeddingLossOptions lossOptions,
        Optimizers optimizers,
        Device device,
        bool augment)
    {
        using var quiet = FinalizerFreeRegion.Enter();
        using var scope = NewDisposeScope();
        var images = data.Images(batch);
        if (augment)
        {
            images = augmentation.Apply(images, generator);
        }

        var raw = net.Raw(images.to(device));
        var result = EmbeddingLosses.Compute(raw, data.LabelTensor(batch, device), lossOptions);
        optimizers.ZeroGrad();
        result.Loss.backward();
        optimizers.Step();
        double norm;
        using (no_grad())
        {
            norm = raw.detach().norm(1).mean().item<float>();
        }

        return new TrainingProgress(0, 0, 0, 0, result.Loss.item<float>(), result.ActiveFraction, result.MeanPositiveDistance, result.MeanNegativeDistance, norm, 0);
    }

    private static int Restore(EmbeddingNetwork net, TripletTrainingOptions options)
    {
        if (!options.Resume || options.CheckpointPath is not { } path || TrainingCheckpoint.TryRead(path) is not { } checkpoint)
        {
            return 0;
        }

        if (checkpoint.Network != options.Network)
        {
            throw new InvalidOperationException($"{path}: the checkpoint is of another net ({checkpoint.Network}); expected {options.Network}.");
        }

        net.load(path);
        return checkpoint.CompletedEpochs;
    }

    /// <summary>Adam for the parameters that train in an epoch's stage (head and trunk at their own rates).</summary>
    private sealed class Optimizers : IDisposable
    {
        private readonly List<OptimizerHelper> all;
        private readonly bool frozen;

        private Optimizers(List<OptimizerHelper> all, bool frozen)
        {
            this.all = all;
            this.frozen = frozen;
        }

        public static Optimizers Create(EmbeddingNetwork net, int epoch, TripletTrainingOptions options)
        {
            if (net is not PretrainedEmbeddingNet pretrained)
            {
                return new([optim.Adam(net.parameters(), options.LearningRate, weight_decay: options.WeightDecay)], false);
            }

            var frozen = epoch < options.FrozenEpochs;
            pretrained.FreezeTrunk(frozen);
            var list = new List<OptimizerHelper> { optim.Adam(pretrained.HeadParameters(), options.LearningRate, weight_decay: options.WeightDecay) };
            if (!frozen)
            {
                list.Add(optim.Adam(pretrained.TrunkParameters(), options.LearningRate * options.TrunkLearningRateFactor, weight_decay: options.WeightDecay));
            }

            return new(list, frozen);
        }

        public bool NeedsRebuild(EmbeddingNetwork net, int epoch, TripletTrainingOptions options) =>
            net is PretrainedEmbeddingNet && frozen != (epoch < options.FrozenEpochs);

        public void ZeroGrad() => all.ForEach(o => o.zero_grad());

        public void Step() => all.ForEach(o => o.step());

        public void Dispose() => all.ForEach(o => o.Dispose());
    }
}

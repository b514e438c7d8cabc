using System.CommandLine;
using MlNetFaces.Training;

namespace MlNetFaces.Cli.Commands;

/// <summary>The options of <c>train</c>.</summary>
internal sealed class TrainOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "Folder with one sub-folder of images per identity.", Required = true };

    public Option<string> Out { get; } = new("--out") { Description = "The model zip to write.", Required = true };

    public Option<string> Loss { get; } = Choice("--loss", "triplet", "Loss: triplet, soft-triplet or contrastive.", "triplet", "soft-triplet", "contrastive");

    public Option<string> Mining { get; } = Choice("--mining", "semi-hard", "Online mining: semi-hard, batch-hard or batch-all.", "semi-hard", "batch-hard", "batch-all");

    public Option<string> From { get; } = Choice("--from", "scratch", "scratch (compact CNN) or pretrained (dlib ResNet trunk + new head).", "scratch", "pretrained");

    public Option<string> Crop { get; } = Choice("--crop", "align", "align (detect + align), resize (crops as given) or center-half (pre-aligned sets).", "align", "resize", "center-half");

    public Option<int> P { get; } = new("--p") { Description = "Identities per batch.", DefaultValueFactory = _ => 16 };

    public Option<int> K { get; } = new("--k") { Description = "Images per identity in a batch.", DefaultValueFactory = _ => 4 };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Epochs (one epoch visits every identity once; default 10, or as many as --minutes allows when that is given); 0 writes the untrained initial net without reading --data." };

    public Option<double?> Minutes { get; } = new("--minutes") { Description = "Stop training after this many minutes." };

    public Option<int> EmbeddingDim { get; } = new("--embedding-dim") { Description = "Embedding length.", DefaultValueFactory = _ => 128 };

    public Option<int> ImageSize { get; } = new("--image-size") { Description = "Working resolution of the from-scratch CNN (32..150).", DefaultValueFactory = _ => 96 };

    public Option<int> Width { get; } = new("--width") { Description = "Channels of the CNN's first stage.", DefaultValueFactory = _ => 32 };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };

    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "Adam's L2 weight decay.", DefaultValueFactory = _ => 5e-4 };

    public Option<double?> Margin { get; } = new("--margin") { Description = "α of the triplet loss (default 0.2) or m of the contrastive loss (default 1)." };

    public Option<int> FrozenEpochs { get; } = new("--frozen-epochs") { Description = "Pretrained: epochs with the trunk frozen.", DefaultValueFactory = _ => 1 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the sampler, initial weights and augmentation.", DefaultValueFactory = _ => 1 };

    public Option<string?> ExcludePairs { get; } = new("--exclude-pairs") { Description = "LFW pairs.txt whose fold (--exclude-fold) people are left out of training." };

    public Option<int> ExcludeFold { get; } = new("--exclude-fold") { Description = "The fold of --exclude-pairs to leave out (1-based).", DefaultValueFactory = _ => 1 };

    public Option<int> MinImages { get; } = new("--min-images-per-identity") { Description = "Leave out identities with fewer images (at least 2).", DefaultValueFactory = _ => 2 };

    public Option<int?> MaxImages { get; } = new("--max-images-per-identity") { Description = "Use at most this many images of an identity." };

    public Option<string?> Checkpoint { get; } = new("--checkpoint") { Description = "Write a checkpoint here after each epoch." };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from --checkpoint when it exists." };

    public Option<bool> NoAugment { get; } = new("--no-augment") { Description = "Turn off flip, crop and colour jitter." };

    public Option<double> Validation { get; } = new("--validation") { Description = "Fraction of the identities held out to validate after each epoch; the best epoch's weights (balanced accuracy, then AUC) are kept (0: none).", DefaultValueFactory = _ => 0.0 };

    public Option<bool> NoNormalize { get; } = new("--no-normalize") { Description = "Do not L2-normalise the embeddings." };

    public Option<string?> Crops { get; } = new("--crops-cache") { Description = $"Face crop cache folder (default ${FaceCropCache.EnvironmentVariable} or ~/.cache/mlnetfaces/crops)." };

    public IEnumerable<Option> All() =>
    [
        Data, Out, Loss, Mining, From, Crop, P, K, Epochs, Minutes, EmbeddingDim, ImageSize, Width, LearningRate, WeightDecay, Margin,
        FrozenEpochs, Seed, ExcludePairs, ExcludeFold, MinImages, MaxImages, Checkpoint, Resume, NoAugment, Validation, NoNormalize, Crops,
    ];

    public static FaceCropMode ParseCrop(string value) => value switch
    {
        "resize" => FaceCropMode.Resize,
        "center-half" => FaceCropMode.CenterHalf,
        _ => FaceCropMode.Align,
    };

    private static Option<string> Choice(string name, string defaultValue, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}

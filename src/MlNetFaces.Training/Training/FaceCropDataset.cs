using MlNetFaces.Imaging;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>
/// Labelled 150×150 face crops in memory (HWC bytes), built from a folder per identity or from a list of labelled
/// images through a <see cref="FaceCropper"/>. Bad data is reported in <see cref="Problems"/> and skipped: unreadable
/// files, images without a face, identities left with fewer than the minimum number of images.
/// </summary>
public sealed class FaceCropDataset
{
    private readonly List<byte[]> crops;

    private FaceCropDataset(List<string> identities, List<int> labels, List<string> paths, List<byte[]> crops, List<string> problems)
    {
        Identities = identities;
        Labels = labels;
        Paths = paths;
        this.crops = crops;
        Problems = problems;
    }

    /// <summary>Identity names; a label is an index into this list.</summary>
    public IReadOnlyList<string> Identities { get; }

    /// <summary>The identity of each crop, an index into <see cref="Identities"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The image file of each crop.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>One line per skipped file or identity: what and why.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The number of crops.</summary>
    public int Count => Labels.Count;

    /// <summary>The image files of <paramref name="root"/>/IDENTITY/ (image extensions only, hidden entries skipped), in ordinal order.</summary>
    public static List<(string Identity, string Path)> ListFolders(string root) => ImageDecoder.ListIdentityFolders(root);

    /// <summary>
    /// Crops every image (in order); identities with fewer than <paramref name="minImagesPerIdentity"/> usable images are
    /// dropped and reported, and at most <paramref name="maxImagesPerIdentity"/> images of an identity are used.
    /// </summary>
    /// <param name="images">Identity and image file of each image.</param>
    /// <param name="cropper">Crops the faces (and caches the crops).</param>
    /// <param name="minImagesPerIdentity">Identities with fewer usable images are left out.</param>
    /// <param name="maxImagesPerIdentity">At most this many images of an identity are cropped.</param>
    /// <param name="progress">Receives the images handled (cropped, skipped or failed).</param>
    /// <param name="cancellationToken">Checked before each image (crops done so far stay in the cropper's cache).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static FaceCropDataset Build(
        IReadOnlyList<(string Identity, string Path)> images,
        FaceCropper cropper,
        int minImagesPerIdentity = 2,
        int maxImagesPerIdentity = int.MaxValue,
        IProgress<ItemProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(cropper);
        var problems = new List<string>();
        var byIdentity = new Dictionary<string, List<(string Path, byte[] Crop)>>(StringComparer.Ordinal);
        var order = new List<string>();
        var done = 0;
        foreach (var group in images.GroupBy(i => i.Identity, StringComparer.Ordinal))
        {
            var kept = new List<(string, byte[])>();
            var files = group.ToList();
            if (files.Count < minImagesPerIdentity)
            {
                problems.Add($"{group.Key}: {files.Count} image(s), fewer than {minImagesPerIdentity}: identity skipped");
                done += files.Count;
                progress?.Report(new ItemProgress(done, images.Count));
                continue;
            }

            foreach (var (_, path) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (kept.Count < maxImagesPerIdentity)
                {
                    var (crop, problem) = cropper.Crop(path);
                    if (crop is null)
                    {
                        problems.Add($"{path}: {problem}: image skipped");
                    }
                    else
                    {
                        kept.Add((path, crop.Pixels));
                    }
                }

                progress?.Report(new ItemProgress(++done, images.Count));
            }

            if (kept.Count < minImagesPerIdentity)
            {
                problems.Add($"{group.Key}: {kept.Count} usable image(s), fewer than {minImagesPerIdentity}: identity skipped");
                continue;
            }

            byIdentity[group.Key] = kept;
            order.Add(group.Key);
        }

        var identities = new List<string>();
        var labels = new List<int>();
        var paths = new List<string>();
        var crops = new List<byte[]>();
        foreach (var name in order)
        {
            foreach (var (path, crop) in byIdentity[name])
            {
                labels.Add(identities.Count);
                paths.Add(path);
                crops.Add(crop);
            }

            identities.Add(name);
        }

        return new FaceCropDataset(identities, labels, paths, crops, problems);
    }

    /// <summary>A person-disjoint split: a seeded random <paramref name="validationFraction"/> of the identities go to validation.</summary>
    public (FaceCropDataset Train, FaceCropDataset Validation) SplitByIdentity(double validationFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(validationFraction, 1.0);
        var ids = Enumerable.Range(0, Identities.Count).ToArray();
        new Random(seed).Shuffle(ids);
        var validation = ids.Take((int)Math.Round(validationFraction * ids.Length)).ToHashSet();
        return (Subset(l => !validation.Contains(l)), Subset(validation.Contains));
    }

    /// <summary>Crops [B,3,150,150] float 0..255 of the given items.</summary>
    public Tensor Images(IReadOnlyList<int> indices, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        const int side = EmbeddingNetwork.InputSize;
        var buffer = new byte[indices.Count * side * side * 3];
        for (var i = 0; i < indices.Count; i++)
        {
            Buffer.BlockCopy(crops[indices[i]], 0, buffer, i * side * side * 3, side * side * 3);
        }

        using var scope = NewDisposeScope();
        var nhwc = tensor(buffer, [indices.Count, side, side, 3]);
        return nhwc.permute(0, 3, 1, 2).to(ScalarType.Float32, device ?? CPU).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Labels [B] (int64) of the given items.</summary>
    public Tensor LabelTensor(IReadOnlyList<int> indices, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return tensor(indices.Select(i => (long)Labels[i]).ToArray(), device: device ?? CPU);
    }

    private FaceCropDataset Subset(Func<int, bool> keepLabel)
    {
        var identities = new List<string>();
        var labels = new List<int>();
        var paths = new List<string>();
        var crops = new List<byte[]>();
        var remap = new Dictionary<int, int>();
        for (var i = 0; i < Count; i++)
        {
            if (!keepLabel(Labels[i]))
            {
                continue;
            }

            if (!remap.TryGetValue(Labels[i], out var label))
            {
                label = remap[Labels[i]] = identities.Count;
                identities.Add(Identities[Labels[i]]);
            }

            labels.Add(label);
            paths.Add(Paths[i]);
            crops.Add(this.crops[i]);
        }

        return new FaceCropDataset(identities, labels, paths, crops, []);
    }
}

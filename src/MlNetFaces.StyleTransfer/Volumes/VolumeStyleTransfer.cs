using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.Volumes;

/// <summary>
/// Volume style transfer: both volumes are standardised (zero mean, unit variance), the content's is optimised with the
/// shared Gatys costs and optimiser (<see cref="SignalStyleTransfer"/>) on a random multi-scale 3-D net
/// (<see cref="VolumeFeatureNet"/>, standardised Grams over D×H×W), then mapped back to the content's intensity scale and
/// range and given the content's header (dims, spacing, affine, datatype, scaling).
/// </summary>
public static class VolumeStyleTransfer
{
    /// <summary>
    /// Stylises <paramref name="content"/> (one 3-D volume) with the texture of <paramref name="style"/> (a 4-D file gives
    /// its first volume). A volume over <see cref="VolumeStyleOptions.MaxVoxels"/> is a <see cref="StyleLimitException"/>
    /// (setting <c>MaxVoxels</c>), one the net cannot take (too thin for its scales, or 4-D content) an
    /// <see cref="InputException"/>; both before any large allocation.
    /// </summary>
    public static VolumeStyleResult Run(NiftiImage content, NiftiImage style, VolumeStyleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(style);
        options ??= new VolumeStyleOptions();
        options.Validate();
        TorchRuntime.EnsureLoaded();
        if (content.Dimensions.Skip(3).Any(d => d > 1))
        {
            throw new InputException($"The content must be one 3-D volume; it has dims [{string.Join('×', content.Dimensions)}].");
        }

        using IVolumeFeatureNet net = options.Net switch
        {
            VolumeNet.InflatedResNet18 => InflatedResNetVolumeNet.Load(),
            _ => new VolumeFeatureNet(options.Scales, options.BaseFilters, options.Seed),
        };
        var (cx, cy, cz) = Shape(content, "content", options, net.MinimumSide);
        var (sx, sy, sz) = Shape(style, "style", options, net.MinimumSide);
        var (mean, std) = MeanStd(content.Values.AsSpan(0, cx * cy * cz));
        var (styleMean, styleStd) = MeanStd(style.Values.AsSpan(0, sx * sy * sz));

        using var scope = NewDisposeScope();
        var contentVolume = Normalised(content.Values, cx, cy, cz, mean, std);
        var styleVolume = Normalised(style.Values, sx, sy, sz, styleMean, styleStd);
        using var run = SignalStyleTransfer.Run(net, contentVolume, styleVolume, options);
        var (min, max) = (content.Values.Min(), content.Values.Max());
        var values = run.Output.mul(std).add(mean).clamp(min, max).flatten().data<float>().ToArray();
        var stored = NiftiReader.Read(NiftiWriter.Encode(content.WithValues(values)));
        var storedVolume = Normalised(stored.Values, cx, cy, cz, mean, std);
        var before = SignalStyleTransfer.StyleDistance(net, contentVolume, styleVolume);
        var after = SignalStyleTransfer.StyleDistance(net, storedVolume, styleVolume);
        var styleRange = (style.Values.Min(), style.Values.Max());
        return new VolumeStyleResult
        {
            Volume = stored,
            Optimization = run,
            StoredStyleDrop = after > 0 ? before / after : double.PositiveInfinity,
            ContentCorrelation = SignalCorrelation.Pearson(contentVolume, storedVolume),
            Slices = ImageGrid.Compose(
            [
                [.. VolumeSlices.MidPlanes(content.Values, cx, cy, cz, min, max)],
                [.. VolumeSlices.MidPlanes(style.Values, sx, sy, sz, styleRange.Item1, styleRange.Item2)],
                [.. VolumeSlices.MidPlanes(stored.Values, cx, cy, cz, min, max)],
            ], cell: 192),
        };
    }

    /// <summary>The memory a run needs, roughly, in bytes: measured ≈ 600 bytes per voxel with the default net.</summary>
    public static long EstimatedBytes(long voxels) => voxels * 600;

    private static (int X, int Y, int Z) Shape(NiftiImage image, string what, VolumeStyleOptions options, int minimumSide)
    {
        var d = image.Dimensions;
        var (x, y, z) = (d[0], d.Count > 1 ? d[1] : 1, d.Count > 2 ? d[2] : 1);
        var voxels = (long)x * y * z;
        if (voxels > options.MaxVoxels)
        {
            throw new StyleLimitException(
                nameof(VolumeStyleOptions.MaxVoxels),
                $"The {what} volume is {x}×{y}×{z} = {voxels:N0} voxels, over the limit of {options.MaxVoxels:N0} "
                + $"(about {EstimatedBytes(voxels) / 1e9:0.0} GB would be needed): crop or downsample it, or raise the voxel limit.");
        }

        if (Math.Min(x, Math.Min(y, z)) < minimumSide)
        {
            throw new InputException($"The {what} volume is {x}×{y}×{z}: every side must be at least {minimumSide} voxels for {options.Scales} scales.");
        }

        return (x, y, z);
    }

    private static Tensor Normalised(float[] values, int x, int y, int z, double mean, double std)
    {
        using var raw = tensor(values.AsSpan(0, x * y * z).ToArray(), [1, 1, z, y, x]);
        return raw.sub(mean).div(std);
    }

    private static (double Mean, double Std) MeanStd(ReadOnlySpan<float> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values)
        {
            sum += v;
            squares += (double)v * v;
        }

        var mean = sum / values.Length;
        var std = Math.Sqrt(Math.Max(0, (squares / values.Length) - (mean * mean)));
        return (mean, std > 0 ? std : 1);
    }
}

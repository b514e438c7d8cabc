using System.CommandLine;
using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.Volumes;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>style volume --content A.nii.gz --style B.nii.gz --out O.nii.gz [--json]</c> (formerly <c>stylize-volume</c>):
/// 3-D style transfer on a random multi-scale 3-D ConvNet with standardised Grams; the output keeps the content's NIfTI
/// header.
/// </summary>
internal sealed class StyleVolumeMedium : StyleMedium
{
    private static readonly VolumeStyleOptions Defaults = new();

    private readonly SignalStyleCliOptions shared = new(Defaults, "Seed of the random filters.");
    private readonly Option<string> net = new("--net") { Description = "3-D features: random (multi-scale random filters) or resnet18 (the pretrained ResNet18's first layers inflated to 3-D).", DefaultValueFactory = _ => "random" };
    private readonly Option<int> scales = new("--scales") { Description = "Scales of the random 3-D net.", DefaultValueFactory = _ => Defaults.Scales };
    private readonly Option<int> filters = new("--filters") { Description = "Filters at the first scale (doubling per scale).", DefaultValueFactory = _ => Defaults.BaseFilters };
    private readonly Option<long> maxVoxels = new("--max-voxels") { Description = "Refuse larger volumes (memory grows with voxels).", DefaultValueFactory = _ => Defaults.MaxVoxels };
    private readonly Option<string?> slices = new("--slices") { Description = "Write a PNG of mid-slices (rows content, style, result; axial, coronal, sagittal) here." };

    /// <summary>The <c>style volume</c> medium (formerly <c>stylize-volume</c>) with fresh options.</summary>
    public StyleVolumeMedium()
        : base(new StyleMediumText(
            Name: "volume",
            LegacyName: "stylize-volume",
            Description: "Volume style transfer: the anatomy of one NIfTI volume with the texture of another.",
            Content: "Content NIfTI-1 volume (.nii or .nii.gz).",
            Style: "Style NIfTI-1 volume (a 4-D file gives its first volume).",
            Output: "Output .nii or .nii.gz (default: <content>-stylized.nii.gz)."))
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<Option> Options => [.. shared.All, net, scales, filters, maxVoxels, slices];

    /// <inheritdoc/>
    public override string DefaultOutput(string contentPath) => StemOf(contentPath) + "-stylized.nii.gz";

    /// <inheritdoc/>
    public override int Steps(ParseResult parse) => shared.Steps(parse);

    /// <inheritdoc/>
    public override IEnumerable<(string Option, string? Path)> ExtraFiles(ParseResult parse) => [("--slices", parse.GetValue(slices))];

    /// <inheritdoc/>
    public override StyleRunOutcome Run(StyleRunRequest request)
    {
        var parse = request.Parse;
        var options = shared.Read(parse, Defaults, request.Advance) with
        {
            Net = parse.GetValue(net)!.ToLowerInvariant() switch
            {
                "random" => VolumeNet.Random,
                "resnet18" => VolumeNet.InflatedResNet18,
                var other => throw new UsageException($"Unknown --net '{other}': use random or resnet18."),
            },
            Scales = parse.GetValue(scales),
            BaseFilters = parse.GetValue(filters),
            MaxVoxels = parse.GetValue(maxVoxels),
        };
        options.Validate();
        var result = VolumeStyleTransfer.Run(NiftiReader.Read(request.ContentPath, options.MaxVoxels), NiftiReader.Read(request.StylePaths[0], options.MaxVoxels), options);
        NiftiWriter.Write(request.OutputPath, result.Volume);
        var slicesPath = parse.GetValue(slices);
        if (slicesPath is not null)
        {
            ImageEncoder.Save(result.Slices, slicesPath);
        }

        var run = result.Optimization;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {request.OutputPath}: {string.Join('×', result.Volume.Dimensions)}, {run.Steps} steps, {run.SecondsPerStep:0.000} s/step; "
            + $"style loss {run.First.Style:G4} -> {run.Last.Style:G4} ({result.StoredStyleDrop:0.0}x as stored), content correlation {result.ContentCorrelation:0.000}");
        return new StyleRunOutcome(new VolumeStyleJson(request.OutputPath, result, slicesPath), summary);
    }

    private static string StemOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var ext in (string[])[".nii.gz", ".nii"])
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^ext.Length];
            }
        }

        return Path.GetFileNameWithoutExtension(name);
    }
}

/// <summary>The JSON of <c>style volume</c>: the shared run fields plus the volume figures (docs/CLI-JSON.md).</summary>
internal sealed record VolumeStyleJson : StyleRunJson
{
    /// <summary>The document for <paramref name="result"/> written to <paramref name="output"/>.</summary>
    public VolumeStyleJson(string output, VolumeStyleResult result, string? slices)
        : base(output, result.Optimization)
    {
        Dims = [.. result.Volume.Dimensions];
        Spacing = [result.Volume.Spacing.X, result.Volume.Spacing.Y, result.Volume.Spacing.Z];
        StoredStyleDrop = Math.Round(result.StoredStyleDrop, 3);
        ContentCorrelation = Math.Round(result.ContentCorrelation, 4);
        Slices = slices;
    }

#pragma warning disable CA1819 // JSON arrays
    /// <summary>The output's dimensions (x, y, z, ...).</summary>
    public int[] Dims { get; }

    /// <summary>The voxel spacing (x, y, z), from the content's header.</summary>
    public float[] Spacing { get; }
#pragma warning restore CA1819

    /// <summary>The style-distance drop measured on the written volume.</summary>
    public double StoredStyleDrop { get; }

    /// <summary>The voxel correlation of the content and the output.</summary>
    public double ContentCorrelation { get; }

    /// <summary>The <c>--slices</c> PNG, if given.</summary>
    public string? Slices { get; }
}

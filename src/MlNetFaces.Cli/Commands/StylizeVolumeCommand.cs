using System.CommandLine;
using System.Globalization;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.Volumes;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>stylize-volume --content A.nii.gz --style B.nii.gz --out O.nii.gz [--json]</c>: 3-D style transfer on a random
/// multi-scale 3-D ConvNet with standardised Grams; the output keeps the content's NIfTI header.
/// </summary>
internal static class StylizeVolumeCommand
{
    public static Command Create()
    {
        var defaults = new VolumeStyleOptions();
        var content = new Option<string>("--content") { Description = "Content NIfTI-1 volume (.nii or .nii.gz).", Required = true };
        var style = new Option<string>("--style") { Description = "Style NIfTI-1 volume (a 4-D file gives its first volume).", Required = true };
        var output = new Option<string?>("--out") { Description = "Output .nii or .nii.gz (default: <content>-stylized.nii.gz)." };
        var steps = new Option<int>("--steps") { Description = "Optimisation steps.", DefaultValueFactory = _ => defaults.Steps };
        var alpha = new Option<double>("--alpha") { Description = "Content weight α.", DefaultValueFactory = _ => defaults.Alpha };
        var beta = new Option<double>("--beta") { Description = "Style weight β.", DefaultValueFactory = _ => defaults.Beta };
        var scales = new Option<int>("--scales") { Description = "Scales of the random 3-D net.", DefaultValueFactory = _ => defaults.Scales };
        var filters = new Option<int>("--filters") { Description = "Filters at the first scale (doubling per scale).", DefaultValueFactory = _ => defaults.BaseFilters };
        var maxVoxels = new Option<long>("--max-voxels") { Description = "Refuse larger volumes (memory grows with voxels).", DefaultValueFactory = _ => defaults.MaxVoxels };
        var net = new Option<string>("--net") { Description = "3-D features: random (multi-scale random filters) or resnet18 (the pretrained ResNet18's first layers inflated to 3-D).", DefaultValueFactory = _ => "random" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random filters.", DefaultValueFactory = _ => 0 };
        var slices = new Option<string?>("--slices") { Description = "Write a PNG of mid-slices (rows content, style, result; axial, coronal, sagittal) here." };
        var optimizer = StyleCliOptions.OptimizerOption(defaults.Optimizer == StyleOptimizer.Adam ? "adam" : "lbfgs");
        var learningRate = StyleCliOptions.LearningRateOption();
        var json = CommonOptions.Json();
        var command = new Command("stylize-volume", "Volume style transfer: the anatomy of one NIfTI volume with the texture of another.")
        {
            content, style, output, steps, alpha, beta, net, scales, filters, maxVoxels, seed, optimizer, learningRate, slices, json,
        };
        command.SetAction(parse =>
        {
            var contentPath = parse.GetValue(content)!;
            var outPath = parse.GetValue(output) ?? StemOf(contentPath) + "-stylized.nii.gz";
            string[] inputs = [contentPath, parse.GetValue(style)!];
            OutputGuard.Refuse(inputs, outPath, "--out");
            OutputGuard.Refuse(inputs, parse.GetValue(slices), "--slices");
            OutputGuard.RefuseSame(outPath, "--out", parse.GetValue(slices), "--slices");
            var stepCount = parse.GetValue(steps);
            using var progress = new ProgressBar("stylize-volume", stepCount);
            var options = defaults with
            {
                Steps = stepCount,
                Alpha = parse.GetValue(alpha),
                Beta = parse.GetValue(beta),
                Net = parse.GetValue(net)!.ToLowerInvariant() switch
                {
                    "random" => VolumeNet.Random,
                    "resnet18" => VolumeNet.InflatedResNet18,
                    var other => throw new UsageException($"Unknown --net '{other}': use random or resnet18."),
                },
                Scales = parse.GetValue(scales),
                BaseFilters = parse.GetValue(filters),
                MaxVoxels = parse.GetValue(maxVoxels),
                Seed = parse.GetValue(seed),
                Optimizer = StyleCliOptions.ParseOptimizer(parse.GetValue(optimizer)),
                LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                Progress = _ => progress.Advance(),
            };
            options.Validate();
            var result = VolumeStyleTransfer.Run(NiftiReader.Read(contentPath, options.MaxVoxels), NiftiReader.Read(inputs[1], options.MaxVoxels), options);
            NiftiWriter.Write(outPath, result.Volume);
            if (parse.GetValue(slices) is { } slicesPath)
            {
                ImageEncoder.Save(result.Slices, slicesPath);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new VolumeStyleJson(outPath, result, parse.GetValue(slices)));
            }
            else
            {
                var run = result.Optimization;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {outPath}: {string.Join('×', result.Volume.Dimensions)}, {run.Steps} steps, {run.SecondsPerStep:0.000} s/step; "
                    + $"style loss {run.First.Style:G4} -> {run.Last.Style:G4} ({result.StoredStyleDrop:0.0}x as stored), content correlation {result.ContentCorrelation:0.000}"));
            }

            return CliApp.Ok;
        });
        return command;
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

/// <summary>stylize's JSON plus the volume figures.</summary>
internal sealed record VolumeStyleJson : StyleRunJson
{
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
    public int[] Dims { get; }

    public float[] Spacing { get; }
#pragma warning restore CA1819

    public double StoredStyleDrop { get; }

    public double ContentCorrelation { get; }

    public string? Slices { get; }
}

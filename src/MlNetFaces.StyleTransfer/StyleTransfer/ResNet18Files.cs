namespace MlNetFaces.StyleTransfer;

/// <summary>
/// Where the ImageNet ResNet18 ONNX of NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> 0.23.1 is found: the
/// file named by <c>$MLNETFACES_RESNET18_ONNX</c>, else <c>DnnImageModels/</c> beside the application (the package's
/// build props copy it there), else the NuGet package folder (<c>$NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>).
/// </summary>
internal static class ResNet18Files
{
    public const string EnvironmentVariable = "MLNETFACES_RESNET18_ONNX";
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string PackageVersion = "0.23.1";

    private const string ModelRelative = "ResNet18Onnx/ResNet18.onnx";
    private const string PreprocessRelative = "ResNetPrepOnnx/ResNetPreprocess.onnx";

    /// <summary>The path of <c>ResNet18.onnx</c>; a <see cref="FileNotFoundException"/> that says where it looked otherwise.</summary>
    public static string ModelPath()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new FileNotFoundException($"${EnvironmentVariable} names {explicitPath}, which does not exist.", explicitPath);
        }

        var tried = Candidates(ModelRelative).ToList();
        return tried.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"ResNet18.onnx not found (looked in {string.Join(", ", tried)}). Restore the NuGet package {PackageId} {PackageVersion} "
            + $"or set ${EnvironmentVariable} to the file.");
    }

    /// <summary>The path of <c>ResNetPreprocess.onnx</c> (it holds the mean image), or null when absent.</summary>
    public static string? PreprocessPath()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(explicitPath))!, "..", PreprocessRelative);
            return File.Exists(sibling) ? Path.GetFullPath(sibling) : null;
        }

        return Candidates(PreprocessRelative).FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> Candidates(string relative)
    {
        yield return Path.Combine(AppContext.BaseDirectory, "DnnImageModels", relative);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        yield return Path.Combine(packages, PackageId.ToLowerInvariant(), PackageVersion, "tools", "DnnImageModels", relative);
    }
}

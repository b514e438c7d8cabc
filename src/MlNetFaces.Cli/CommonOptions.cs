using System.CommandLine;
using MlNetFaces.Faces;
using MlNetFaces.Models;

namespace MlNetFaces.Cli;

/// <summary>Options shared by the face commands.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print exactly one JSON document on stdout." };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu or cuda[:N] (cuda needs a CUDA build, see README).",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<InferenceEngine> Engine() => new("--engine")
    {
        Description = "What runs the face nets: onnx (ONNX Runtime, the default on the CPU) or torch (TorchSharp, the default on cuda).",
        DefaultValueFactory = _ => InferenceEngine.Default,
        CustomParser = r => r.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "onnx" => InferenceEngine.OnnxRuntime,
            "torch" => InferenceEngine.TorchSharp,
            var other => Fail(r, $"Unknown engine '{other}': use onnx or torch."),
        },
    };

    private static InferenceEngine Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    public static Option<DetectorKind> Detector() => new("--detector")
    {
        Description = "ssd (accurate, default) or tiny (fast).",
        DefaultValueFactory = _ => DetectorKind.Ssd,
        CustomParser = r =>
        {
            var value = r.Tokens.Single().Value.ToLowerInvariant();
            if (value is not ("ssd" or "tiny"))
            {
                r.AddError($"Unknown detector '{value}': use ssd or tiny.");
            }

            return value == "tiny" ? DetectorKind.Tiny : DetectorKind.Ssd;
        },
    };

    public static Option<float> MinConfidence() => new("--min-confidence")
    {
        Description = "Drop detections scoring at or below this (0..1, default 0.5).",
        DefaultValueFactory = _ => 0.5f,
    };

    public static Option<string?> Models() => new("--models")
    {
        Description = $"Model store folder (default: ${ModelStore.EnvironmentVariable} or the user cache).",
    };

    public static Argument<string[]> Images() => new("images")
    {
        Description = "Image files (JPEG, PNG, BMP, GIF, WebP).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static ModelStore? Store(string? folder) => folder is null ? null : new ModelStore(folder);
}

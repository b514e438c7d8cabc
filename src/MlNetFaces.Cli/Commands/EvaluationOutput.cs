using System.Text.Json;
using MlNetFaces.Verification;

namespace MlNetFaces.Cli.Commands;

/// <summary>What <c>evaluate --out DIR</c> writes.</summary>
internal static class EvaluationOutput
{
    private static readonly JsonSerializerOptions Indented = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static void Write(string folder, EvaluationJson metrics, VerificationRun run, VerificationReport report)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new { metrics, failed_items = run.Failed }, Indented));
        _ = report;
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace MlNetFaces.Tests.Notebooks;

/// <summary>Runs the notebook runner (tests/MlNetFaces.NotebookRunner) on one notebook in a fresh process.</summary>
internal static class NotebookProcess
{
    public static string SourceFolder => Path.Combine(TestPaths.RepoRoot, "notebooks");

    /// <summary>The data a notebook needs, relative to the data root (notebook metadata <c>mlnetfaces.requires</c>).</summary>
    public static IReadOnlyList<string> RequiredData(string path) =>
        JsonNode.Parse(File.ReadAllText(path))?["metadata"]?["mlnetfaces"]?["requires"]?.AsArray().Select(n => (string)n!).ToList() ?? [];

    /// <summary>Exit code, stdout and stderr of <c>mlnetfaces-notebook-runner NOTEBOOK --base notebooks/ --out OUT</c>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string notebook, string output)
    {
        var dll = Path.Combine(TestPaths.RepoRoot, "tests", "MlNetFaces.NotebookRunner", "bin", Configuration, "net10.0", "mlnetfaces-notebook-runner.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, notebook, "--base", SourceFolder, "--out", output })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Models.ModelStore.EnvironmentVariable] = TestPaths.Models.Root;
        info.Environment["MLNETFACES_DATA"] = TestPaths.Data;
        info.WorkingDirectory = SourceFolder;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Configuration =>
        typeof(NotebookProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}

using System.Diagnostics;
using System.Globalization;

namespace MlNetFaces.Tests.BadInput;

/// <summary>One run of the built CLI in a fresh process: exit code, output, peak resident memory and time.</summary>
internal sealed record CliRun(int Code, string Stdout, string Stderr, long PeakRssBytes, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Runs <c>dotnet mlnetfaces.dll ...</c> (the CLI built beside the tests) under <c>/usr/bin/time</c> when it is
/// installed, to read the peak resident memory; a run past its timeout is killed with its process tree.
/// </summary>
internal static class CliProcess
{
    private static readonly string TimeTool = "/usr/bin/time";

    public static bool MeasuresMemory => File.Exists(TimeTool);

    public static string Dll
    {
        get
        {
            var config = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(TestPaths.RepoRoot, "src", "MlNetFaces.Cli", "bin", config, "net10.0", "mlnetfaces.dll");
        }
    }

    /// <summary>Starts the CLI with <paramref name="args"/> in <paramref name="workDir"/> (not waiting).</summary>
    public static Process Start(string workDir, IReadOnlyDictionary<string, string>? environment, string? rssFile, params string[] args)
    {
        var measured = rssFile is not null && MeasuresMemory;
        var info = new ProcessStartInfo(measured ? TimeTool : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        if (measured)
        {
            foreach (var a in new[] { "-o", rssFile!, "-f", "%M", "dotnet" })
            {
                info.ArgumentList.Add(a);
            }
        }

        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Models.ModelStore.EnvironmentVariable] = TestPaths.Models.Root;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>Runs the CLI to the end (or the timeout) and collects what it did.</summary>
    public static CliRun Run(string workDir, TimeSpan timeout, params string[] args)
    {
        var rssFile = Path.Combine(Path.GetTempPath(), $"mlnetfaces-rss-{Guid.NewGuid():N}.txt");
        var clock = Stopwatch.StartNew();
        using var process = Start(workDir, null, rssFile, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        long rss = 0;
        if (File.Exists(rssFile))
        {
            var last = File.ReadAllLines(rssFile).LastOrDefault(l => l.Trim().Length > 0);
            rss = long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
            File.Delete(rssFile);
        }

        return new CliRun(finished ? process.ExitCode : -1, stdout.Result, stderr.Result, rss, clock.Elapsed, !finished);
    }
}

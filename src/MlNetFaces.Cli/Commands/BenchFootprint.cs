using System.Diagnostics;
using System.Globalization;
using MlNetFaces.Models;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// Peak RSS and wall time of <c>verify</c> (two photos), <c>embed</c> (the six demo photos) and <c>demo</c>, each run as
/// a child process of this same CLI on each engine: once to cache the model files, then timed.
/// </summary>
internal static class BenchFootprint
{
    public static Dictionary<string, object> Measure(ModelStore store, string[] verifyPair)
    {
        var demoPhotos = FaceApiPackage.DemoImages.Select(store.PathOf).ToArray();
        var report = Path.Combine(Path.GetTempPath(), $"mlnetfaces-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(report);
        try
        {
            var result = new Dictionary<string, object>();
            foreach (var engine in new[] { "onnx", "torch" })
            {
                result[engine] = new Dictionary<string, object>
                {
                    ["verify"] = Run(store, ["verify", .. verifyPair, "--json", "--engine", engine]),
                    ["embed"] = Run(store, ["embed", .. demoPhotos, "--json", "--engine", engine]),
                    ["demo"] = Run(store, ["demo", "--out", Path.Combine(report, "demo-" + engine)]),
                };
            }

            return result;
        }
        finally
        {
            Directory.Delete(report, recursive: true);
        }
    }

    /// <summary>Runs the command twice (the first fills any cache) and reports the second run.</summary>
    private static Dictionary<string, object> Run(ModelStore store, string[] args)
    {
        Child(store, args);
        return Child(store, args);
    }

    private static Dictionary<string, object> Child(ModelStore store, string[] args)
    {
        var peakFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                info.ArgumentList.Add(typeof(BenchFootprint).Assembly.Location); // run as 'dotnet mlnetfaces.dll'
            }

            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment[ModelStore.EnvironmentVariable] = store.Root;
            info.Environment[PeakMemory.FileVariable] = peakFile;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.FileName);
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var wall = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'mlnetfaces {string.Join(' ', args)}' failed ({process.ExitCode}): {stderr.Result.Trim()}");
            }

            return new Dictionary<string, object>
            {
                ["wall_s"] = Math.Round(wall, 3),
                ["peak_rss_mb"] = BenchCommand.Round(long.Parse(File.ReadAllText(peakFile), CultureInfo.InvariantCulture) / 1048576.0),
            };
        }
        finally
        {
            File.Delete(peakFile);
        }
    }
}

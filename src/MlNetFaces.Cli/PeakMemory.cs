using System.Diagnostics;
using System.Globalization;

namespace MlNetFaces.Cli;

/// <summary>
/// The process's peak working set (peak RSS on Linux), written at exit to the file named by
/// <see cref="FileVariable"/> when it is set: how <c>bench</c> measures the footprint of the commands it runs.
/// </summary>
internal static class PeakMemory
{
    public const string FileVariable = "MLNETFACES_PEAK_MEMORY_FILE";

    public static void WriteIfAsked()
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path)
        {
            using var process = Process.GetCurrentProcess();
            File.WriteAllText(path, process.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        }
    }
}

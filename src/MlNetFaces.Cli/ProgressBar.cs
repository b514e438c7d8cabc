using System.Diagnostics;
using System.Globalization;

namespace MlNetFaces.Cli;

/// <summary>A one-line progress bar with rate and ETA on stderr (only when stderr is a terminal).</summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly string label;
    private int total;
    private readonly bool enabled;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int done;

    public ProgressBar(string label, int total, bool enabled = true)
    {
        this.label = label;
        this.total = total;
        this.enabled = enabled && !Console.IsErrorRedirected;
    }

    /// <summary>Absolute progress (a callback of the form <c>(done, total)</c>).</summary>
    public void Update(int doneNow, int newTotal)
    {
        total = newTotal;
        Advance(doneNow - done);
    }

    public void Advance(int count = 1)
    {
        done += count;
        if (!enabled || total <= 0)
        {
            return;
        }

        var fraction = Math.Min(1.0, (double)done / total);
        const int width = 30;
        var filled = (int)Math.Round(fraction * width);
        var seconds = clock.Elapsed.TotalSeconds;
        var eta = done > 0 ? TimeSpan.FromSeconds(seconds / done * (total - done)) : TimeSpan.Zero;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {done / Math.Max(seconds, 1e-9):0.0}/s ETA {eta:hh\\:mm\\:ss}");
        Console.Error.Write(line);
    }

    public void Dispose()
    {
        if (enabled && done > 0)
        {
            Console.Error.WriteLine();
        }
    }
}

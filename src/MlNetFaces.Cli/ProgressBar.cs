using System.Diagnostics;
using System.Globalization;

namespace MlNetFaces.Cli;

/// <summary>
/// A one-line progress bar with rate and ETA on stderr (only when stderr is a terminal). It is an
/// <see cref="IProgress{T}"/> of <see cref="ItemProgress"/>: pass it to the library's long operations (embedding,
/// cropping), which report on their own thread; it draws at once, in order.
/// </summary>
internal sealed class ProgressBar : IDisposable, IProgress<ItemProgress>
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

    /// <summary>Absolute progress: <paramref name="value"/>'s done of its total.</summary>
    public void Report(ItemProgress value)
    {
        total = value.Total;
        Advance(value.Done - done);
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

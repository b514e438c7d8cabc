namespace MlNetFaces;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the thread that reports, in the order of the reports.
/// <see cref="Progress{T}"/> instead posts each report to the synchronization context captured when it was made (the
/// thread pool in a console app or a notebook), so its handler may run late, out of order or concurrently: use this one
/// to collect every report into a list, or to draw a console progress line.
/// </summary>
/// <typeparam name="T">The type of a report.</typeparam>
public sealed class InlineProgress<T> : IProgress<T>
{
    private readonly Action<T> handler;

    /// <summary>A progress sink that passes every report to <paramref name="handler"/>.</summary>
    /// <param name="handler">Called with each report, synchronously.</param>
    public InlineProgress(Action<T> handler)
    {
        this.handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>Calls the handler with <paramref name="value"/>.</summary>
    /// <param name="value">The report.</param>
    public void Report(T value) => handler(value);
}

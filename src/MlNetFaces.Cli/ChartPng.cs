using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.ImageExport;
using MlNetFaces.IO;

namespace MlNetFaces.Cli;

/// <summary>PNG export of Plotly charts through a local Chromium (Plotly.NET.ImageExport / PuppeteerSharp); nothing is downloaded.</summary>
internal static class ChartPng
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>The browser to use: $MLNETFACES_CHROMIUM, else the first one found on the usual paths.</summary>
    public static string? FindBrowser() =>
        Environment.GetEnvironmentVariable("MLNETFACES_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Writes the PNG, or returns why it could not (no browser, or the browser failed).</summary>
    public static string? TrySave(GenericChart chart, string path, int width = 900, int height = 700)
    {
        var browser = FindBrowser();
        if (browser is null)
        {
            return $"no Chromium found (install Debian's 'chromium' or set MLNETFACES_CHROMIUM); {Path.GetFileNameWithoutExtension(path)}.html has the same chart";
        }

        PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(browser);
        var launch = PuppeteerSharpRendererOptions.launchOptions;
        launch.ExecutablePath = browser;
        launch.Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
        var full = Path.GetFullPath(path);
        var stem = full.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? full[..^4] : full;
        try
        {
            var self = MachineLearning.Charts.SelfContained(chart);
            AtomicFile.WriteTemporary(stem + ".png", temporary =>
            {
                self.SavePNG(temporary, null, FSharpOption<int>.Some(width), FSharpOption<int>.Some(height));
                File.Move(temporary + ".png", temporary);
            });
            return null;
        }
        catch (Exception ex) when (ex is AggregateException or InvalidOperationException or IOException or PuppeteerSharp.PuppeteerException)
        {
            return $"Chromium at {browser} could not render the chart ({ex.GetBaseException().Message})";
        }
    }
}

using System.Globalization;
using Microsoft.FSharp.Core;
using Plotly.NET;
using MlNetFaces.Evaluation;
using MlNetFaces.IO;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace MlNetFaces.MachineLearning;

/// <summary>Plotly.NET charts of verification results, written as self-contained HTML (plotly.js inlined, works offline).</summary>
public static class Charts
{
    /// <summary>ROC curves (TPR against FPR on a log axis from 1e-4), one per named curve, with AUC and EER in the legend.</summary>
    public static GenericChart Roc(IReadOnlyDictionary<string, RocCurve> curves, string title = "ROC")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var c = CultureInfo.InvariantCulture;
        var traces = curves.Select(kv =>
        {
            var points = Thin(kv.Value.Points);
            return CSharpChart.Line<double, double, string>(
                x: points.Select(p => p.FalsePositiveRate).ToArray(),
                y: points.Select(p => p.TruePositiveRate).ToArray(),
                Name: string.Create(c, $"{kv.Key} (AUC {kv.Value.Auc:0.0000}, EER {100 * kv.Value.EqualErrorRate:0.00}%)"));
        }).ToList();
        var chance = Enumerable.Range(0, 41).Select(i => Math.Pow(10, (i / 10.0) - 4)).ToArray();
        traces.Add(CSharpChart.Line<double, double, string>(x: chance, y: chance, Name: "chance"));
        var chart = CSharpChart.Combine(traces);

        // Verification lives at small FPR: a log axis from 1e-4 shows TAR@FAR where a linear one hugs the corner.
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(
            chart,
            TitleText: title + ": false accept rate (FPR, log scale)",
            AxisType: StyleParam.AxisType.Log,
            MinMax: Tuple.Create(-4.0, 0.0));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "true accept rate (TPR)");
        return SelfContained(chart);
    }

    /// <summary>Cumulative match characteristic: rank-r identification rate against r, one line per named curve.</summary>
    public static GenericChart Cmc(IReadOnlyDictionary<string, IReadOnlyList<double>> curves, string title = "CMC")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var c = CultureInfo.InvariantCulture;
        var traces = curves.Select(kv => CSharpChart.Line<int, double, string>(
            x: Enumerable.Range(1, kv.Value.Count).ToArray(),
            y: kv.Value.ToArray(),
            Name: string.Create(c, $"{kv.Key} (rank-1 {100 * kv.Value[0]:0.00}%)"),
            ShowMarkers: true)).ToList();
        var chart = CSharpChart.Combine(traces);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: title + ": rank");
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "identification rate");
        return SelfContained(chart);
    }

    /// <summary>Writes the chart as one HTML file that needs no network (plotly.js is embedded).</summary>
    public static void SaveHtml(GenericChart chart, string path)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var full = Path.GetFullPath(path);
        var target = full.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? full : full + ".html";
        var self = SelfContained(chart);

        // Plotly writes <stem>.html itself: give it a temporary stem, then rename the finished file over the target.
        AtomicFile.WriteTemporary(target, temporary =>
        {
            Plotly.NET.CSharp.GenericChartExtensions.SaveHtml(self, temporary);
            File.Move(temporary + ".html", temporary);
        });
    }

    /// <summary>The chart with plotly.js inlined rather than fetched from a CDN.</summary>
    public static GenericChart SelfContained(GenericChart chart) =>
        GenericChart.setDisplayOptions(
            DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full)),
            chart);

    // A few thousand points draw the same curve as tens of thousands.
    private static List<RocPoint> Thin(IReadOnlyList<RocPoint> points)
    {
        var step = Math.Max(1, points.Count / 2000);
        return points.Where((_, i) => i % step == 0 || i == points.Count - 1).ToList();
    }
}

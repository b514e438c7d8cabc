using System.Text.Json.Serialization;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>The fields every style-transfer command prints with <c>--json</c> (docs/CLI-JSON.md), from any <see cref="StyleRun"/>.</summary>
internal record StyleRunJson
{
    public StyleRunJson(string output, StyleRun run)
    {
        Output = output;
        Steps = run.Steps;
        Seconds = Math.Round(run.Seconds, 3);
        SecondsPerStep = Math.Round(run.SecondsPerStep, 4);
        ContentLoss = [run.First.Content, run.Last.Content];
        StyleLoss = [run.First.Style, run.Last.Style];
        TotalLoss = [run.First.Total, run.Last.Total];
        StyleLossDrop = Math.Round(run.StyleLossDrop, 3);
    }

    [JsonPropertyOrder(-1)]
    public string Output { get; }

    [JsonPropertyOrder(-1)]
    public int Steps { get; }

    [JsonPropertyOrder(-1)]
    public double Seconds { get; }

    [JsonPropertyOrder(-1)]
    public double SecondsPerStep { get; }

#pragma warning disable CA1819 // JSON arrays
    [JsonPropertyOrder(-1)]
    public double[] ContentLoss { get; }

    [JsonPropertyOrder(-1)]
    public double[] StyleLoss { get; }

    [JsonPropertyOrder(-1)]
    public double[] TotalLoss { get; }
#pragma warning restore CA1819

    /// <summary>style_loss first / last.</summary>
    [JsonPropertyOrder(-1)]
    public double StyleLossDrop { get; }
}

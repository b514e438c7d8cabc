using System.Text.Json.Serialization;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The fields <c>style audio</c> and <c>style volume</c> print first with <c>--json</c> (docs/CLI-JSON.md), from any
/// <see cref="StyleRun"/>.
/// </summary>
internal record StyleRunJson
{
    /// <summary>The fields of <paramref name="run"/>, whose result was written to <paramref name="output"/>.</summary>
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

    /// <summary>The output file written.</summary>
    [JsonPropertyOrder(-1)]
    public string Output { get; }

    /// <summary>Optimisation steps run.</summary>
    [JsonPropertyOrder(-1)]
    public int Steps { get; }

    /// <summary>Seconds the optimisation took.</summary>
    [JsonPropertyOrder(-1)]
    public double Seconds { get; }

    /// <summary>Seconds per step.</summary>
    [JsonPropertyOrder(-1)]
    public double SecondsPerStep { get; }

#pragma warning disable CA1819 // JSON arrays
    /// <summary>The content loss, first and last step.</summary>
    [JsonPropertyOrder(-1)]
    public double[] ContentLoss { get; }

    /// <summary>The style loss, first and last step.</summary>
    [JsonPropertyOrder(-1)]
    public double[] StyleLoss { get; }

    /// <summary>The total loss, first and last step.</summary>
    [JsonPropertyOrder(-1)]
    public double[] TotalLoss { get; }
#pragma warning restore CA1819

    /// <summary>style_loss first / last.</summary>
    [JsonPropertyOrder(-1)]
    public double StyleLossDrop { get; }
}

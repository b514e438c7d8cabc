using System.Globalization;
using MlNetFaces.Training;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// Training progress on stderr: a live line on a terminal; when stderr is redirected (a log), one line every
/// <see cref="LogEvery"/> steps and at the end of each epoch. The training reports steps, validation scores and
/// warnings to it as <see cref="IProgress{T}"/>.
/// </summary>
internal sealed class TrainingProgressPrinter : IProgress<TrainingProgress>, IProgress<EpochValidation>, IProgress<string>
{
    private const int LogEvery = 20;
    private readonly bool live = !Console.IsErrorRedirected;

    /// <summary>One training step.</summary>
    public void Report(TrainingProgress value)
    {
        var p = value;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}{(p.Epochs == int.MaxValue ? string.Empty : $"/{p.Epochs}")} step {p.Step}/{p.StepsPerEpoch} loss {p.Loss:0.0000} active {100 * p.ActiveFraction:0.0}% d_ap {p.MeanPositiveDistance:0.000} d_an {p.MeanNegativeDistance:0.000} |f| {p.EmbeddingNorm:0.00} {p.Seconds:0}s");
        if (live)
        {
            Console.Error.Write("\r" + line.PadRight(110));
            if (p.Step == p.StepsPerEpoch)
            {
                Console.Error.WriteLine();
            }
        }
        else if (p.Step % LogEvery == 0 || p.Step == p.StepsPerEpoch)
        {
            Console.Error.WriteLine(line);
        }
    }

    /// <summary>A validation score, before training or after an epoch.</summary>
    public void Report(EpochValidation value) => Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"validation after epoch {value.Epoch}: AUC {value.Auc:0.00000}, balanced accuracy {100 * value.BalancedAccuracy:0.00}% ({value.SamePairs} same, {value.DifferentPairs} different pairs)"));

    /// <summary>A warning.</summary>
    public void Report(string value) => Console.Error.WriteLine(Environment.NewLine + "warning: " + value);
}

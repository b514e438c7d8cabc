using System.Globalization;
using MlNetFaces.Training;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// Training progress on stderr: a live line on a terminal; when stderr is redirected (a log), one line every
/// <see cref="LogEvery"/> steps and at the end of each epoch.
/// </summary>
internal sealed class TrainingProgressPrinter
{
    private const int LogEvery = 20;
    private readonly bool live = !Console.IsErrorRedirected;

    public void Report(TrainingProgress p)
    {
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

    public static void Validated(EpochValidation v) => Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"validation after epoch {v.Epoch}: AUC {v.Auc:0.00000}, balanced accuracy {100 * v.BalancedAccuracy:0.00}% ({v.SamePairs} same, {v.DifferentPairs} different pairs)"));

    public static void Warn(string message) => Console.Error.WriteLine(Environment.NewLine + "warning: " + message);
}

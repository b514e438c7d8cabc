using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MlNetFaces.Training;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>evaluate one-shot --root DIR --model ZIP</c>: closed-set one-shot identification with a trained embedding model: the
/// first image of each person (ordinal order) is the gallery, the others are probes; rank-1 and rank-5.
/// </summary>
internal static class OneShotCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "Folder with one sub-folder of images per person.", Required = true };
        var model = new Option<string>("--model") { Description = "A trained embedding model zip (from 'train').", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("one-shot", "One-shot identification: one gallery image per person, the others as probes (rank-1, rank-5).") { root, model, json };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var folder = parse.GetValue(root)!;
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"{folder}: folder not found.");
            }

            var trained = EvaluateCommand.LoadTrained(parse.GetValue(model)!);
            var result = OneShotIdentification.Evaluate(FaceCropDataset.ListFolders(folder), trained.Embed);
            var seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { result.People, result.Probes, result.Missing, result.Rank1, result.Rank5, Seconds = seconds });
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.People} people, {result.Probes} probes ({result.Missing} images without a face): rank-1 {100 * result.Rank1:0.00}%, rank-5 {100 * result.Rank5:0.00}% ({seconds} s)"));
            }

            return CliApp.Ok;
        });
        return command;
    }
}

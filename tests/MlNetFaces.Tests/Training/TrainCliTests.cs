using System.Text.Json;
using MlNetFaces.MachineLearning;
using MlNetFaces.Training;

namespace MlNetFaces.Tests.Training;

/// <summary><c>train</c> in one process, the model zip read in others: <c>evaluate one-shot</c> and this test process agree.</summary>
public sealed class TrainCliTests : IDisposable
{
    private readonly TempFolder dir = new("mlnetfaces-train-cli-");

    [SkippableFact]
    public void TrainedZipGivesTheSameOneShotResultInAFreshProcess()
    {
        var data = LinkOrl(people: 8);

        var zip = dir.File("model.zip");
        var train = CliTests.Cli(
            "train", "--data", data, "--out", zip, "--crop", "resize", "--p", "4", "--k", "4", "--epochs", "1",
            "--image-size", "48", "--width", "8", "--embedding-dim", "16", "--json");
        Assert.True(train.Code == 0, train.Stderr);
        using (var report = JsonDocument.Parse(train.Stdout))
        {
            Assert.Equal(8, report.RootElement.GetProperty("identities").GetInt32());
            Assert.Equal(2, report.RootElement.GetProperty("steps").GetInt32());
        }

        var evaluate = CliTests.Cli("evaluate", "one-shot", "--root", data, "--model", zip, "--json");
        Assert.True(evaluate.Code == 0, evaluate.Stderr);
        using var json = JsonDocument.Parse(evaluate.Stdout);
        var model = TrainedEmbeddingModel.Load(zip);
        Assert.Equal(16, model.Info.Network.EmbeddingDimension);
        var here = OneShotIdentification.Evaluate(FaceCropDataset.ListFolders(data), model.Embed);
        Assert.Equal(72, json.RootElement.GetProperty("probes").GetInt32());
        Assert.Equal(here.Rank1, json.RootElement.GetProperty("rank1").GetDouble(), 9);
        Assert.Equal(here.Rank5, json.RootElement.GetProperty("rank5").GetDouble(), 9);
    }

    [SkippableFact]
    public void ValidationScoresAreReportedAndTheSelectedEpochIsRecorded()
    {
        var data = LinkOrl(people: 8);

        var zip = dir.File("model.zip");
        var train = CliTests.Cli(
            "train", "--data", data, "--out", zip, "--crop", "resize", "--p", "2", "--k", "4", "--epochs", "2",
            "--image-size", "32", "--width", "4", "--embedding-dim", "8", "--validation", "0.25", "--json");
        Assert.True(train.Code == 0, train.Stderr);
        Assert.Contains("validation after epoch 2: AUC", train.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(train.Stdout);
        var validation = report.RootElement.GetProperty("validation").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], validation.Select(v => v.GetProperty("epoch").GetInt32()));
        var best = validation.OrderByDescending(v => v.GetProperty("balanced_accuracy").GetDouble()).ThenByDescending(v => v.GetProperty("auc").GetDouble()).First();
        Assert.Equal(best.GetProperty("epoch").GetInt32(), report.RootElement.GetProperty("selected_epoch").GetInt32());
        Assert.Equal(best.GetProperty("epoch").GetInt32(), TrainedEmbeddingModel.Load(zip).Info.Epochs);
    }

    [SkippableFact]
    public void MinutesWithoutEpochsTrainsUntilTheTimeLimit()
    {
        var data = LinkOrl(people: 4);

        var train = CliTests.Cli(
            "train", "--data", data, "--out", dir.File("m.zip"), "--crop", "resize", "--p", "4", "--k", "4", "--minutes", "0.03",
            "--image-size", "48", "--width", "8", "--embedding-dim", "16", "--json");
        Assert.True(train.Code == 0, train.Stderr);
        using var report = JsonDocument.Parse(train.Stdout);
        Assert.True(report.RootElement.GetProperty("stopped_by_time_limit").GetBoolean());
        // Not capped at the default 10 epochs: it trained until the limit, however many epochs a loaded machine fits in.
        Assert.True(report.RootElement.GetProperty("training_seconds").GetDouble() >= 0.03 * 60 * 0.95, train.Stdout);
        Assert.DoesNotContain("2147483647", train.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataFolderIsBadUsage()
    {
        var result = CliTests.Cli("train", "--data", dir.File("absent"), "--out", dir.File("m.zip"));
        Assert.Equal(2, result.Code);
        Assert.Contains("folder not found", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A data folder of links to ORL people s1..s<paramref name="people"/> (skips without ../shared).</summary>
    private string LinkOrl(int people)
    {
        var orl = TrainingData.OrlOrSkip();
        var data = dir.File("data");
        Directory.CreateDirectory(data);
        for (var person = 1; person <= people; person++)
        {
            Directory.CreateSymbolicLink(Path.Combine(data, $"s{person}"), Path.Combine(orl, $"s{person}"));
        }

        return data;
    }

    public void Dispose() => dir.Dispose();
}

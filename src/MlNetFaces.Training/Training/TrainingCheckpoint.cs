using System.Text.Json;
using MlNetFaces.IO;

namespace MlNetFaces.Training;

/// <summary>
/// What a checkpoint records beside the weights (<c>{path}</c> holds the TorchSharp state dict, <c>{path}.json</c> this):
/// the net to rebuild, the last completed epoch and the seed. The optimiser state is not saved: a resumed run restarts Adam.
/// </summary>
internal sealed record TrainingCheckpoint(EmbeddingNetworkSpec Network, int CompletedEpochs, int Seed)
{
    public static string StatePath(string checkpointPath) => checkpointPath + ".json";

    public static TrainingCheckpoint? TryRead(string checkpointPath)
    {
        var state = StatePath(checkpointPath);
        return File.Exists(checkpointPath) && File.Exists(state)
            ? JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(state))
            : null;
    }

    public void Write(string checkpointPath, EmbeddingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var folder = Path.GetDirectoryName(Path.GetFullPath(checkpointPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        AtomicFile.WriteTemporary(checkpointPath, file => net.save(file));
        AtomicFile.WriteAllText(StatePath(checkpointPath), JsonSerializer.Serialize(this));
    }
}

using System.IO.Compression;
using System.Text.Json;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// What MlNetFaces stores beside ML.NET's own entries in a model zip (ML.NET ignores them): one folder,
/// <see cref="Folder"/>, for every such entry, and one way to write and read them. Written right after
/// <c>mlContext.Model.Save</c>, read before <c>mlContext.Model.Load</c>.
/// </summary>
internal static class ModelZip
{
    /// <summary>The folder inside the zip that holds MlNetFaces' entries.</summary>
    public const string Folder = "MlNetFaces/";

    /// <summary>Adds entries, named relative to <see cref="Folder"/>, to a model zip that ML.NET has just written.</summary>
    public static void AddEntries(string zipPath, IEnumerable<(string Name, Action<Stream> Write)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        foreach (var (name, write) in entries)
        {
            using var stream = zip.CreateEntry(Folder + name, CompressionLevel.Optimal).Open();
            write(stream);
        }
    }

    /// <summary>Adds one JSON entry (see <see cref="AddEntries"/>).</summary>
    public static void AddJson<T>(string zipPath, string name, T value, JsonSerializerOptions? options = null) =>
        AddEntries(zipPath, [(name, stream => JsonSerializer.Serialize(stream, value, options))]);

    /// <summary>The entry <paramref name="name"/> (relative to <see cref="Folder"/>), or null when the zip has none.</summary>
    public static ZipArchiveEntry? Entry(ZipArchive zip, string name)
    {
        ArgumentNullException.ThrowIfNull(zip);
        return zip.GetEntry(Folder + name);
    }

    /// <summary>
    /// The JSON entry <paramref name="name"/> of the zip at <paramref name="path"/>, or null when the zip has none;
    /// unreadable JSON is an <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static T? ReadJson<T>(ZipArchive zip, string path, string name, JsonSerializerOptions? options = null)
        where T : class
    {
        if (Entry(zip, name) is not { } entry)
        {
            return null;
        }

        using var stream = entry.Open();
        try
        {
            return JsonSerializer.Deserialize<T>(stream, options) ?? throw new InvalidDataException($"{path}: the entry {Folder}{name} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: the entry {Folder}{name} is not readable ({ex.Message.Split('\n')[0].TrimEnd('.')}).", ex);
        }
    }
}

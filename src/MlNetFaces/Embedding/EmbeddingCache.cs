using System.Security.Cryptography;

namespace MlNetFaces.Embedding;

/// <summary>
/// Embeddings on disk, keyed by the SHA-256 of the image file's content, for one model id and detector.
/// An append-only file of fixed-size records: a rerun reads it back, an interrupted run resumes (a torn last
/// record is ignored). Decode failures are not cached; "no face" is.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    /// <summary>The environment variable that moves the cache root (default: the user cache folder of MlNetFaces).</summary>
    public const string EnvironmentVariable = "MLNETFACES_CACHE";
    private const int Dimension = 128;
    private const int RecordSize = 32 + 1 + (2 * Dimension * sizeof(float));

    private readonly Dictionary<string, CachedEmbedding> entries = new(StringComparer.Ordinal);
    private readonly FileStream file;
    private readonly object gate = new();

    /// <summary>Opens (or creates) the cache file of <paramref name="modelId"/> and reads back its records.</summary>
    /// <param name="modelId">The model and detector the embeddings come from; it names the file, so embeddings of different
    /// models never mix.</param>
    /// <param name="folder">The folder of the cache files; <see cref="DefaultFolder"/> when null.</param>
    public EmbeddingCache(string modelId, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        folder ??= DefaultFolder();
        Directory.CreateDirectory(folder);
        var name = string.Concat(modelId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        FilePath = Path.Combine(folder, $"embeddings-{name}.bin");
        file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Load();
    }

    /// <summary>The cache file (<c>embeddings-MODELID.bin</c>).</summary>
    public string FilePath { get; }

    /// <summary>How many images the cache holds (with or without a face).</summary>
    public int Count => entries.Count;

    /// <summary>The <c>embeddings</c> folder under the cache root (<see cref="EnvironmentVariable"/>, else the user cache folder).</summary>
    public static string DefaultFolder() => Models.UserCache.Folder(EnvironmentVariable, "embeddings");

    /// <summary>The SHA-256 (hex) of a file's content: the cache key.</summary>
    public static string ContentKey(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Looks up an image by its <see cref="ContentKey"/>.</summary>
    /// <param name="key">The hex SHA-256 of the image file.</param>
    /// <param name="embedding">The cached embedding; its descriptors are null when the image had no face.</param>
    /// <returns>Whether the image is cached.</returns>
    public bool TryGet(string key, out CachedEmbedding embedding)
    {
        lock (gate)
        {
            return entries.TryGetValue(key, out embedding!);
        }
    }

    /// <summary>Caches an image's embedding and appends it to the file (thread-safe); a key already cached is kept as it was.</summary>
    /// <param name="key">The hex SHA-256 of the image file (<see cref="ContentKey"/>).</param>
    /// <param name="embedding">The 128-D descriptors, or nulls for "no face".</param>
    public void Add(string key, CachedEmbedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        var record = new byte[RecordSize];
        Convert.FromHexString(key).CopyTo(record, 0);
        record[32] = embedding.HasFace ? (byte)1 : (byte)0;
        if (embedding.Plain is { } plain)
        {
            Buffer.BlockCopy(plain, 0, record, 33, Dimension * sizeof(float));
            Buffer.BlockCopy(embedding.Flipped ?? plain, 0, record, 33 + (Dimension * sizeof(float)), Dimension * sizeof(float));
        }

        lock (gate)
        {
            if (!entries.TryAdd(key, embedding))
            {
                return;
            }

            file.Seek(0, SeekOrigin.End);
            file.Write(record);
        }
    }

    /// <summary>Pushes appended records to disk (also done on dispose).</summary>
    public void Flush()
    {
        lock (gate)
        {
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Flushes the appended records to disk and closes the file.</summary>
    public void Dispose()
    {
        Flush();
        file.Dispose();
    }

    private void Load()
    {
        var complete = file.Length / RecordSize * RecordSize;
        var record = new byte[RecordSize];
        file.Position = 0;
        while (file.Position < complete)
        {
            file.ReadExactly(record);
            var key = Convert.ToHexStringLower(record.AsSpan(0, 32));
            if (record[32] == 0)
            {
                entries[key] = new CachedEmbedding(null, null);
                continue;
            }

            var plain = new float[Dimension];
            var flipped = new float[Dimension];
            Buffer.BlockCopy(record, 33, plain, 0, Dimension * sizeof(float));
            Buffer.BlockCopy(record, 33 + (Dimension * sizeof(float)), flipped, 0, Dimension * sizeof(float));
            entries[key] = new CachedEmbedding(plain, flipped);
        }

        // Drop a torn record left by an interrupted run, so that appends stay aligned.
        file.SetLength(complete);
    }
}

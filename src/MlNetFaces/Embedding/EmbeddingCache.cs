using System.Security.Cryptography;

namespace MlNetFaces.Embedding;

/// <summary>
/// Embeddings on disk, keyed by the SHA-256 of the image file's content, for one model id and detector.
/// An append-only file of fixed-size records: a rerun reads it back, an interrupted run resumes (a torn last
/// record is ignored). Decode failures are not cached; "no face" is.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    public const string EnvironmentVariable = "MLNETFACES_CACHE";
    private const int Dimension = 128;
    private const int RecordSize = 32 + 1 + (2 * Dimension * sizeof(float));

    private readonly Dictionary<string, CachedEmbedding> entries = new(StringComparer.Ordinal);
    private readonly FileStream file;
    private readonly object gate = new();

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

    public string FilePath { get; }

    public int Count => entries.Count;

    public static string DefaultFolder() => Models.UserCache.Folder(EnvironmentVariable, "embeddings");

    /// <summary>The SHA-256 (hex) of a file's content: the cache key.</summary>
    public static string ContentKey(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public bool TryGet(string key, out CachedEmbedding embedding)
    {
        lock (gate)
        {
            return entries.TryGetValue(key, out embedding!);
        }
    }

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

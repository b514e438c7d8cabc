namespace MlNetFaces.Embedding;

/// <summary>What <see cref="FaceEmbedder.Embed"/> found: an embedding per readable path, and a reason per unreadable one.</summary>
public sealed record EmbeddingRun(IReadOnlyDictionary<string, CachedEmbedding> Embeddings, IReadOnlyDictionary<string, string> Failures);

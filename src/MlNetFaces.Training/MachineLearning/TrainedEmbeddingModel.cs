using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Training;
using MlNetFaces.Embedding;
using MlNetFaces.IO;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// A trained embedding net as one ML.NET model zip: ImagePath → face crop → the net (ONNX, inside the zip) → Embedding
/// (+ EmbeddingHasFace). Loads in a fresh process after <see cref="MlNetFacesCatalog.Register"/> (done by <see cref="Load"/>).
/// </summary>
public sealed class TrainedEmbeddingModel
{
    /// <summary>The input column: image file paths.</summary>
    public const string InputColumn = "ImagePath";

    /// <summary>The output column: the embedding (and <c>EmbeddingHasFace</c>).</summary>
    public const string OutputColumn = "Embedding";

    /// <summary>The zip entry (under <see cref="ModelZip.Folder"/>) that describes the trained net.</summary>
    public const string MetadataEntry = "embedding.json";

    /// <summary>Where zips saved before <see cref="ModelZip"/> kept it (still read).</summary>
    private const string LegacyMetadataEntry = "mlnetfaces-embedding.json";
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    private TrainedEmbeddingModel(MLContext context, ITransformer model, TrainedEmbeddingInfo info)
    {
        Context = context;
        Model = model;
        Info = info;
    }

    /// <summary>The context the model was made or loaded in.</summary>
    public MLContext Context { get; }

    /// <summary>The fitted ML.NET steps: ImagePath → Embedding, EmbeddingHasFace.</summary>
    public ITransformer Model { get; }

    /// <summary>What the zip records about the trained net.</summary>
    public TrainedEmbeddingInfo Info { get; }

    /// <summary>The fitted ML.NET steps of a trained net (exported to ONNX now).</summary>
    /// <param name="net">The trained net (put in eval mode).</param>
    /// <param name="info">What the zip records about it.</param>
    /// <param name="seed">Seeds the ML.NET context.</param>
    public static TrainedEmbeddingModel Create(EmbeddingNetwork net, TrainedEmbeddingInfo info, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(info);
        var context = new MLContext(seed);
        MlNetFacesCatalog.Register(context);
        net.eval();
        return new TrainedEmbeddingModel(context, TrainedEmbeddingTransforms.Fit(context, net.ExportOnnx(), info.CropMode, OutputColumn, InputColumn), info);
    }

    /// <summary>True when the zip holds a trained embedding model (rather than, e.g., a verification model).</summary>
    /// <param name="path">A model zip.</param>
    public static bool IsEmbeddingModel(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return MetadataOf(zip) is not null;
    }

    /// <summary>Writes the model zip, with <see cref="Info"/> inside (replaced atomically).</summary>
    /// <param name="path">The zip to write.</param>
    public void Save(string path) => AtomicFile.WriteTemporary(path, WriteZip);

    private static ZipArchiveEntry? MetadataOf(ZipArchive zip) => ModelZip.Entry(zip, MetadataEntry) ?? zip.GetEntry(LegacyMetadataEntry);

    private void WriteZip(string path)
    {
        var schema = Context.Data.LoadFromEnumerable(new List<TrainedEmbeddingTransforms.PathRow>()).Schema;
        Context.Model.Save(Model, schema, path);
        ModelZip.AddJson(path, MetadataEntry, Info, JsonOptions);
    }

    /// <summary>Loads a model zip in a fresh <see cref="MLContext"/>.</summary>
    /// <param name="path">The model zip.</param>
    /// <param name="store">Where the face pipeline of <see cref="FaceCropMode.Align"/> finds its files on this machine; null: the default store.</param>
    /// <param name="device">Where that face pipeline runs: "cpu" or "cuda[:N]".</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The zip holds no trained embedding model.</exception>
    public static TrainedEmbeddingModel Load(string path, ModelStore? store = null, string device = "cpu")
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: model file not found.", path);
        }

        TrainedEmbeddingInfo info;
        using (var zip = ZipFile.OpenRead(path))
        {
            var entry = MetadataOf(zip)
                ?? throw new InvalidDataException($"{path}: not a trained MlNetFaces embedding model (no {ModelZip.Folder}{MetadataEntry}).");
            using var reader = new StreamReader(entry.Open());
            info = JsonSerializer.Deserialize<TrainedEmbeddingInfo>(reader.ReadToEnd(), JsonOptions) ?? throw new InvalidDataException($"{path}: unreadable {entry.FullName}.");
        }

        var context = new MLContext();
        MlNetFacesCatalog.Register(context);
        var model = LoadingSlot.LoadModel(context, path, new FaceEmbeddingOptions { Store = store, Device = device }, out _);
        return new TrainedEmbeddingModel(context, model, info);
    }

    /// <summary>The embedding of each path (null when the file is unreadable or has no face).</summary>
    /// <param name="paths">Image files.</param>
    public float[]?[] Embed(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var data = Context.Data.LoadFromEnumerable(paths.Select(p => new TrainedEmbeddingTransforms.PathRow { ImagePath = p }).ToList());
        var output = Model.Transform(data);
        var embeddings = output.GetColumn<float[]>(OutputColumn).ToArray();
        var hasFace = output.GetColumn<bool>(OutputColumn + "HasFace").ToArray();
        return embeddings.Select((e, i) => hasFace[i] ? e : null).ToArray();
    }

    /// <summary>
    /// Embeddings of image files in the form the verification protocol reads: missing files are failures, images
    /// without a face have no descriptor. There is no flipped descriptor: the flip-TTA figures equal the plain ones.
    /// </summary>
    /// <param name="paths">Image files (duplicates are embedded once).</param>
    /// <param name="progress">Receives the distinct paths done after each batch of 64.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public EmbeddingRun EmbedRun(IEnumerable<string> paths, IProgress<ItemProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        var failures = distinct.Where(p => !File.Exists(p)).ToDictionary(p => p, _ => "file not found", StringComparer.Ordinal);
        var present = distinct.Where(File.Exists).ToList();
        var results = new Dictionary<string, CachedEmbedding>(StringComparer.Ordinal);
        const int chunk = 64;
        for (var start = 0; start < present.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = present.Skip(start).Take(chunk).ToList();
            var embedded = Embed(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                results[batch[i]] = new CachedEmbedding(embedded[i], embedded[i]);
            }

            progress?.Report(new ItemProgress(failures.Count + start + batch.Count, distinct.Count));
        }

        return new EmbeddingRun(results, failures);
    }
}

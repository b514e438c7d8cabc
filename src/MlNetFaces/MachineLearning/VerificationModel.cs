using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Faces;
using MlNetFaces.Evaluation;
using MlNetFaces.IO;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The fitted verification pipeline as one ML.NET model: ImagePath1, ImagePath2 → embeddings → distance features →
/// calibrated logistic regression (Probability, PredictedLabel). Saved with <c>mlContext.Model.Save</c>; loads in a
/// fresh process after <see cref="MlNetFacesCatalog.Register"/>. The distance threshold chosen by the protocol
/// travels beside the model in the zip (entry <c>MlNetFaces/verification.json</c>).
/// </summary>
public sealed class VerificationModel
{
    public const string FirstImageColumn = "ImagePath1";
    public const string SecondImageColumn = "ImagePath2";
    private const string MetadataEntry = "verification.json";

    private readonly PredictionEngine<PairPathsRow, VerificationPredictionRow> engine;

    internal VerificationModel(MLContext context, ITransformer model, VerificationModelInfo info)
    {
        Context = context;
        Model = model;
        Info = info;
        engine = context.Model.CreatePredictionEngine<PairPathsRow, VerificationPredictionRow>(model);
    }

    public MLContext Context { get; }

    public ITransformer Model { get; }

    public VerificationModelInfo Info { get; }

    /// <summary>
    /// The embedding and distance steps (deterministic, fitted on no data) followed by the classifier fitted on the
    /// distance features of <paramref name="pairs"/> (already computed, e.g. from the embedding cache).
    /// </summary>
    public static VerificationModel Train(IReadOnlyList<ScoredPair> pairs, DetectorKind detector, bool flip, double threshold, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var context = new MLContext(seed);
        var featurizer = Featurizer(context, detector, flip).Fit(context.Data.LoadFromEnumerable(new List<PairPathsRow>()));
        var features = context.Data.LoadFromEnumerable(pairs.Select(p => new VerificationClassifier.PairFeaturesRow { Features = p.Features, Label = p.Pair.Same }));
        var classifier = VerificationClassifier.Estimator(context).Fit(features);
        return new VerificationModel(context, featurizer.Append(classifier), new VerificationModelInfo(FaceEmbeddingMappingFactory.ContractName(detector, flip), threshold));
    }

    /// <summary>ImagePath1, ImagePath2 → Embedding1, Embedding2 (+HasFace flags) → Features.</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext context, DetectorKind detector, bool flip)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { InputColumnName = FirstImageColumn, OutputColumnName = "Embedding1", Detector = detector, FlipAugmentation = flip })
            .Append(context.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { InputColumnName = SecondImageColumn, OutputColumnName = "Embedding2", Detector = detector, FlipAugmentation = flip }))
            .Append(context.Transforms.FacePairDistances(VerificationClassifier.FeaturesColumn, "Embedding1", "Embedding2"));
    }

    public void Save(string path) => AtomicFile.WriteTemporary(path, WriteZip);

    private void WriteZip(string path)
    {
        var schema = Context.Data.LoadFromEnumerable(new List<PairPathsRow>()).Schema;
        Context.Model.Save(Model, schema, path);
        ModelZip.AddJson(path, MetadataEntry, Info);
    }

    /// <summary>Loads a model zip in a fresh <see cref="MLContext"/> (registering the MlNetFaces factories first).</summary>
    public static VerificationModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: model file not found.", path);
        }

        VerificationModelInfo info;
        try
        {
            // The metadata first: a foreign zip (a style model, anything else) is refused before ML.NET reads it.
            using var zip = ZipFile.OpenRead(path);
            info = ModelZip.ReadJson<VerificationModelInfo>(zip, path, MetadataEntry)
                ?? throw new InvalidDataException($"{path}: not an MlNetFaces verification model (no {ModelZip.Folder}{MetadataEntry}).");
        }
        catch (Exception ex) when (ex is JsonException || (ex is InvalidDataException && !ex.Message.StartsWith(path, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{path}: not a readable verification model zip ({ex.Message.Split('\n')[0].TrimEnd('.')}).", ex);
        }

        var context = new MLContext();
        MlNetFacesCatalog.Register(context);
        ITransformer model;
        try
        {
            model = context.Model.Load(path, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the verification model inside is damaged ({ex.Message.Split('\n')[0].TrimEnd('.')}).", ex);
        }

        return new VerificationModel(context, model, info);
    }

    public VerificationPredictionRow Predict(string imageA, string imageB) =>
        engine.Predict(new PairPathsRow { ImagePath1 = imageA, ImagePath2 = imageB });

    /// <summary>Input row: two image paths.</summary>
    public sealed class PairPathsRow
    {
        public string ImagePath1 { get; set; } = string.Empty;

        public string ImagePath2 { get; set; } = string.Empty;
    }
}

/// <summary>What the model zip records beside the ML.NET model: the embedding contract and the protocol's distance threshold.</summary>
public sealed record VerificationModelInfo(string Embedding, double Threshold);

/// <summary>The verification model's output for one pair.</summary>
public sealed class VerificationPredictionRow
{
    [VectorType(3)]
    public float[] Features { get; set; } = [];

    public bool Embedding1HasFace { get; set; }

    public bool Embedding2HasFace { get; set; }

    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }

    /// <summary>Euclidean distance between the two embeddings.</summary>
    public float Distance => Features.Length > 1 ? Features[1] : float.NaN;
}

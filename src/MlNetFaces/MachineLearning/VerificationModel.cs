using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Faces;
using MlNetFaces.Evaluation;
using MlNetFaces.IO;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The fitted verification pipeline as one ML.NET model: ImagePath1, ImagePath2 → embeddings → distance features →
/// calibrated logistic regression (Probability, PredictedLabel). Saved with <c>mlContext.Model.Save</c>; loads in a
/// fresh process after <see cref="MlNetFacesCatalog.Register"/>. The distance threshold chosen by the protocol
/// travels beside the model in the zip (entry <c>MlNetFaces/verification.json</c>).
/// </summary>
public sealed class VerificationModel
{
    /// <summary>The input column of the first image path.</summary>
    public const string FirstImageColumn = "ImagePath1";

    /// <summary>The input column of the second image path.</summary>
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

    /// <summary>The context the model was made or loaded in.</summary>
    public MLContext Context { get; }

    /// <summary>The fitted ML.NET model: ImagePath1, ImagePath2 → Features, Probability, PredictedLabel, Score.</summary>
    public ITransformer Model { get; }

    /// <summary>The embedding contract and the protocol's distance threshold.</summary>
    public VerificationModelInfo Info { get; }

    /// <summary>
    /// The embedding and distance steps (deterministic, fitted on no data) followed by the classifier fitted on the
    /// distance features of <paramref name="pairs"/> (already computed, e.g. from the embedding cache).
    /// </summary>
    /// <param name="pairs">Scored pairs that train the classifier.</param>
    /// <param name="detector">The face detector of the embedding steps.</param>
    /// <param name="flip">Whether the embedding steps average in the flipped crop's descriptor.</param>
    /// <param name="threshold">The protocol's distance threshold, recorded beside the model.</param>
    /// <param name="seed">Seeds the ML.NET context.</param>
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
    /// <param name="context">The context whose transforms make the steps.</param>
    /// <param name="detector">The face detector.</param>
    /// <param name="flip">Whether the flipped crop's descriptor is averaged in.</param>
    public static IEstimator<ITransformer> Featurizer(MLContext context, DetectorKind detector, bool flip)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { InputColumnName = FirstImageColumn, OutputColumnName = "Embedding1", Detector = detector, FlipAugmentation = flip })
            .Append(context.Transforms.DetectAndEmbedFaces(new FaceEmbeddingOptions { InputColumnName = SecondImageColumn, OutputColumnName = "Embedding2", Detector = detector, FlipAugmentation = flip }))
            .Append(context.Transforms.FacePairDistances(VerificationClassifier.FeaturesColumn, "Embedding1", "Embedding2"));
    }

    /// <summary>Writes the model zip, with <see cref="Info"/> inside (replaced atomically).</summary>
    /// <param name="path">The zip to write.</param>
    public void Save(string path) => AtomicFile.WriteTemporary(path, WriteZip);

    private void WriteZip(string path)
    {
        var schema = Context.Data.LoadFromEnumerable(new List<PairPathsRow>()).Schema;
        Context.Model.Save(Model, schema, path);
        ModelZip.AddJson(path, MetadataEntry, Info);
    }

    /// <summary>Loads a model zip in a fresh <see cref="MLContext"/> (registering the MlNetFaces factories first).</summary>
    /// <param name="path">The model zip.</param>
    /// <param name="store">Where the pretrained face nets are found on this machine; null: the default store.</param>
    /// <param name="device">Where the face nets run: "cpu" or "cuda[:N]".</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable verification model.</exception>
    public static VerificationModel Load(string path, ModelStore? store = null, string device = "cpu")
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
            model = LoadingSlot.LoadModel(context, path, new FaceEmbeddingOptions { Store = store, Device = device }, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the verification model inside is damaged ({ex.Message.Split('\n')[0].TrimEnd('.')}).", ex);
        }

        return new VerificationModel(context, model, info);
    }

    /// <summary>Whether two images show the same person, with the probability and distance.</summary>
    /// <param name="imageA">The first image file.</param>
    /// <param name="imageB">The second image file.</param>
    public VerificationPredictionRow Predict(string imageA, string imageB) =>
        engine.Predict(new PairPathsRow { ImagePath1 = imageA, ImagePath2 = imageB });

    /// <summary>Input row: two image paths.</summary>
    public sealed class PairPathsRow
    {
        /// <summary>The first image file.</summary>
        public string ImagePath1 { get; set; } = string.Empty;

        /// <summary>The second image file.</summary>
        public string ImagePath2 { get; set; } = string.Empty;
    }
}

/// <summary>What the model zip records beside the ML.NET model: the embedding contract and the protocol's distance threshold.</summary>
/// <param name="Embedding">The contract name of the embedding steps.</param>
/// <param name="Threshold">The protocol's distance threshold (same person below it).</param>
public sealed record VerificationModelInfo(string Embedding, double Threshold);

/// <summary>The verification model's output for one pair.</summary>
public sealed class VerificationPredictionRow
{
    /// <summary>[squared L2, L2, cosine] distance of the two embeddings.</summary>
    [VectorType(3)]
    public float[] Features { get; set; } = [];

    /// <summary>Whether a face was found in the first image.</summary>
    public bool Embedding1HasFace { get; set; }

    /// <summary>Whether a face was found in the second image.</summary>
    public bool Embedding2HasFace { get; set; }

    /// <summary>The classifier's answer: the same person.</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>The calibrated probability of the same person.</summary>
    public float Probability { get; set; }

    /// <summary>The classifier's raw score (logit).</summary>
    public float Score { get; set; }

    /// <summary>Euclidean distance between the two embeddings.</summary>
    public float Distance => Features.Length > 1 ? Features[1] : float.NaN;
}

using Microsoft.ML;
using System.Reflection;
using MlNetFaces.Gallery;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// ML.NET catalog extensions of the MlNetFaces package: <c>mlContext.Transforms.DetectAndEmbedFaces(...)</c>,
/// <c>...FacePairDistances(...)</c> and <c>...IdentifyFaces(...)</c>, each with a simple overload and an options
/// overload. Training (<c>TrainFaceEmbedding</c>) and style transfer (<c>TrainFastStyle</c>,
/// <c>StylizeAudio</c>, <c>StylizeVolumes</c>) come with the MlNetFaces.Training and MlNetFaces.StyleTransfer packages.
/// </summary>
public static class MlNetFacesCatalog
{
    /// <summary>The assemblies of the other MlNetFaces packages whose transforms a model zip may hold, registered when referenced.</summary>
    private static readonly string[] CompanionAssemblies = ["MlNetFaces.Training", "MlNetFaces.StyleTransfer"];

    /// <summary>
    /// The one registration call a fresh process needs before <c>mlContext.Model.Load</c> of a zip that holds
    /// MlNetFaces transforms (ML.NET finds the custom-mapping factories through it).
    /// </summary>
    /// <param name="context">The context that will load the model.</param>
    public static void Register(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ComponentCatalog.RegisterAssembly(typeof(MlNetFacesCatalog).Assembly);
        foreach (var name in CompanionAssemblies)
        {
            if (TryLoad(name) is { } assembly)
            {
                context.ComponentCatalog.RegisterAssembly(assembly);
            }
        }
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Image paths → 128-D embeddings of the face each photo is about (the central one), with a
    /// <c>{outputColumnName}HasFace</c> flag: images without a face (or unreadable) get zeros and false.
    /// </summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="outputColumnName">The embedding column to add (128 floats).</param>
    /// <param name="inputColumnName">The column of image file paths (text).</param>
    /// <param name="detector">The face detector.</param>
    /// <returns>A deterministic estimator (fitting learns nothing); its nets run on the CPU from the default model store.</returns>
    public static FaceEmbeddingEstimator DetectAndEmbedFaces(
        this TransformsCatalog catalog, string outputColumnName = "Embedding", string inputColumnName = "ImagePath", DetectorKind detector = DetectorKind.Ssd)
        => DetectAndEmbedFaces(catalog, new FaceEmbeddingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Detector = detector });

    /// <summary>Image paths → 128-D face embeddings, with every setting: flip augmentation, device and model store included.</summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="options">Columns, detector, flip augmentation, device and model store.</param>
    /// <returns>A deterministic estimator (fitting learns nothing).</returns>
    public static FaceEmbeddingEstimator DetectAndEmbedFaces(this TransformsCatalog catalog, FaceEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingEstimator(catalog, options);
    }

    /// <summary>Two embedding columns → a feature column of their [squared L2, L2, cosine] distances.</summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="outputColumnName">The feature column to add (3 floats).</param>
    /// <param name="firstEmbeddingColumnName">The first embedding column (a float vector).</param>
    /// <param name="secondEmbeddingColumnName">The second embedding column (a float vector of the same length).</param>
    /// <returns>A deterministic estimator (fitting learns nothing).</returns>
    public static PairDistanceEstimator FacePairDistances(
        this TransformsCatalog catalog, string outputColumnName = "Features", string firstEmbeddingColumnName = "Embedding1", string secondEmbeddingColumnName = "Embedding2")
        => FacePairDistances(catalog, new PairDistanceOptions
        {
            OutputColumnName = outputColumnName,
            FirstEmbeddingColumnName = firstEmbeddingColumnName,
            SecondEmbeddingColumnName = secondEmbeddingColumnName,
        });

    /// <summary>Two embedding columns → a feature column of their [squared L2, L2, cosine] distances.</summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="options">The output column and the two embedding columns.</param>
    /// <returns>A deterministic estimator (fitting learns nothing).</returns>
    public static PairDistanceEstimator FacePairDistances(this TransformsCatalog catalog, PairDistanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PairDistanceEstimator(catalog, options);
    }

    /// <summary>
    /// Identifies the largest face of each image (an <c>ImagePath</c> column) against the people enrolled in
    /// <paramref name="snapshot"/>: <c>Identity</c>, <c>Distance</c>, <c>FaceCount</c>, <c>TopIdentities</c>,
    /// <c>TopDistances</c> (<see cref="GalleryPrediction"/>).
    /// </summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="snapshot">The enrolled identities (<c>FaceGallery.Snapshot()</c>).</param>
    /// <param name="top">Identities listed per image.</param>
    /// <param name="detector">The face detector.</param>
    /// <returns>The estimator; save a model that holds it with <see cref="GalleryModel.Save"/> and its <see cref="GalleryIdentifyEstimator.Mapping"/>.</returns>
    public static GalleryIdentifyEstimator IdentifyFaces(
        this TransformsCatalog catalog, GallerySnapshot snapshot, int top = 5, DetectorKind detector = DetectorKind.Ssd)
        => IdentifyFaces(catalog, snapshot, new GalleryTransformOptions { Top = top, Detector = detector });

    /// <summary>Identifies the largest face of each image against <paramref name="snapshot"/>, with every setting: device and model store included.</summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="snapshot">The enrolled identities (<c>FaceGallery.Snapshot()</c>).</param>
    /// <param name="options">Top-k, detector, confidence, device and model store.</param>
    /// <returns>The estimator; save a model that holds it with <see cref="GalleryModel.Save"/> and its <see cref="GalleryIdentifyEstimator.Mapping"/>.</returns>
    public static GalleryIdentifyEstimator IdentifyFaces(this TransformsCatalog catalog, GallerySnapshot snapshot, GalleryTransformOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return IdentifyFaces(catalog, new GalleryIdentifyMapping(snapshot, options));
    }

    /// <summary>Identifies the largest face of each image with a mapping made beforehand (which the caller disposes).</summary>
    /// <param name="catalog">The transform catalog (<c>mlContext.Transforms</c>).</param>
    /// <param name="mapping">The gallery snapshot and the transform settings.</param>
    /// <returns>The estimator.</returns>
    public static GalleryIdentifyEstimator IdentifyFaces(this TransformsCatalog catalog, GalleryIdentifyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GalleryIdentifyEstimator(catalog, mapping);
    }
}

using Microsoft.ML;
using System.Reflection;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// ML.NET catalog extensions of the MlNetFaces package: <c>mlContext.Transforms.DetectAndEmbedFaces(...)</c> and
/// <c>...FacePairDistances(...)</c>. Training (<c>TrainFaceEmbedding</c>) and style transfer (<c>TrainFastStyle</c>,
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

    /// <summary>Image paths → 128-D face embeddings (+ a <c>{output}HasFace</c> flag).</summary>
    public static FaceEmbeddingEstimator DetectAndEmbedFaces(
        this TransformsCatalog catalog, string outputColumnName = "Embedding", string inputColumnName = "ImagePath")
        => DetectAndEmbedFaces(catalog, new FaceEmbeddingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName });

    public static FaceEmbeddingEstimator DetectAndEmbedFaces(this TransformsCatalog catalog, FaceEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FaceEmbeddingEstimator(catalog, options);
    }

    /// <summary>Two embedding columns → [squared L2, L2, cosine] distance features.</summary>
    public static PairDistanceEstimator FacePairDistances(
        this TransformsCatalog catalog, string outputColumnName = "Features", string firstEmbeddingColumnName = "Embedding1", string secondEmbeddingColumnName = "Embedding2")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PairDistanceEstimator(catalog, outputColumnName, firstEmbeddingColumnName, secondEmbeddingColumnName);
    }
}

using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetFaces.Gallery;
using MlNetFaces.IO;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// ML.NET integration of the gallery: an estimator (CustomMapping with a registered factory) mapping an
/// <c>ImagePath</c> column to <c>Identity</c>, <c>Distance</c>, <c>FaceCount</c>, <c>TopIdentities</c>,
/// <c>TopDistances</c>; and save/load of a model that contains it, with the gallery snapshot and the transform
/// settings stored as extra entries of the model zip (ML.NET ignores them; <see cref="Load"/> reads them first).
/// </summary>
public static class GalleryModel
{
    public const string ContractName = "MlNetFaces.GalleryIdentify.v1";

    private const string SnapshotEntry = "gallery_snapshot.bin";
    private const string OptionsEntry = "gallery_transform.json";

    /// <summary>The mapping being re-created by <see cref="Load"/> on this thread (for the factory).</summary>
    internal static GalleryIdentifyMapping? Loading => LoadingSlot.Current<GalleryIdentifyMapping>();

    /// <summary>An estimator that identifies the largest face of each image against the snapshot.</summary>
    public static CustomMappingEstimator<GalleryImageInput, GalleryPrediction> IdentifyFaces(
        this TransformsCatalog catalog, GalleryIdentifyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mapping);
        return catalog.CustomMapping<GalleryImageInput, GalleryPrediction>(mapping.Map, ContractName);
    }

    /// <summary>
    /// Saves a model (any chain that contains the gallery transform built from <paramref name="mapping"/>) with the
    /// gallery snapshot and settings inside the zip.
    /// </summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, GalleryIdentifyMapping mapping, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(mapping);
        AtomicFile.WriteTemporary(path, file => WriteZip(mlContext, model, inputSchema, mapping, file));
    }

    private static void WriteZip(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, GalleryIdentifyMapping mapping, string path)
    {
        mlContext.Model.Save(model, inputSchema, path);
        var o = mapping.Options;
        ModelZip.AddEntries(path,
        [
            (SnapshotEntry, mapping.Snapshot.WriteTo),
            (OptionsEntry, stream => JsonSerializer.Serialize(stream, new SavedOptions(o.Top, o.Detector.ToString(), o.MinConfidence, o.Device))),
        ]);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save"/> in any <see cref="MLContext"/> (registers this assembly's factory);
    /// <paramref name="modelStoreRoot"/> overrides where the face nets are found (default store when null).
    /// </summary>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema, string? modelStoreRoot = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        GalleryIdentifyMapping mapping;
        using (var zip = ZipFile.OpenRead(path))
        {
            var snapshotEntry = ModelZip.Entry(zip, SnapshotEntry)
                ?? throw new InvalidDataException($"{path}: no gallery snapshot inside (was it saved with GalleryModel.Save?).");
            GallerySnapshot snapshot;
            using (var stream = snapshotEntry.Open())
            {
                snapshot = GallerySnapshot.ReadFrom(stream);
            }

            var options = new GalleryTransformOptions { ModelStoreRoot = modelStoreRoot };
            if (ModelZip.ReadJson<SavedOptions>(zip, path, OptionsEntry) is { } saved)
            {
                options.Top = saved.Top;
                options.Detector = Enum.Parse<DetectorKind>(saved.Detector);
                options.MinConfidence = saved.MinConfidence;
                options.Device = saved.Device;
            }

            mapping = new GalleryIdentifyMapping(snapshot, options);
        }

        mlContext.ComponentCatalog.RegisterAssembly(typeof(GalleryMappingFactory).Assembly);
        return LoadingSlot.LoadModel(mlContext, path, mapping, out inputSchema);
    }

    private sealed record SavedOptions(int Top, string Detector, float MinConfidence, string Device);
}

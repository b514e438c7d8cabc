using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using MlNetFaces.Gallery;
using MlNetFaces.IO;
using MlNetFaces.Models;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Save and load of an ML.NET model that contains the gallery transform
/// (<see cref="MlNetFacesCatalog.IdentifyFaces(TransformsCatalog, GalleryIdentifyMapping)"/>: a CustomMapping with a
/// registered factory, <c>ImagePath</c> → <c>Identity</c>, <c>Distance</c>, <c>FaceCount</c>, <c>TopIdentities</c>,
/// <c>TopDistances</c>), with the gallery snapshot and the transform settings stored as extra entries of the model zip
/// (ML.NET ignores them; <see cref="Load"/> reads them first).
/// </summary>
public static class GalleryModel
{
    /// <summary>The contract name of the gallery transform saved in model zips.</summary>
    public const string ContractName = "MlNetFaces.GalleryIdentify.v1";

    private const string SnapshotEntry = "gallery_snapshot.bin";
    private const string OptionsEntry = "gallery_transform.json";

    /// <summary>The mapping being re-created by <see cref="Load"/> on this thread (for the factory).</summary>
    internal static GalleryIdentifyMapping? Loading => LoadingSlot.Current<GalleryIdentifyMapping>();

    /// <summary>
    /// Saves a model (any chain that contains the gallery transform built from <paramref name="mapping"/>) with the
    /// gallery snapshot and settings inside the zip.
    /// </summary>
    /// <param name="mlContext">The context that saves the model.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="inputSchema">The schema of the model's input data.</param>
    /// <param name="mapping">The gallery mapping in the model (<see cref="GalleryIdentifyEstimator.Mapping"/>).</param>
    /// <param name="path">The zip to write (replaced atomically).</param>
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
    /// Loads a model saved by <see cref="Save"/> in any <see cref="MLContext"/> (registers this assembly's factory).
    /// </summary>
    /// <param name="mlContext">The context that loads the model.</param>
    /// <param name="path">The model zip.</param>
    /// <param name="inputSchema">Receives the schema of the model's input data.</param>
    /// <param name="store">Where the face nets are found on this machine; null: the default store.</param>
    /// <param name="device">Where the nets run ("cpu" or "cuda[:N]"); null: the device saved with the model.</param>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema, ModelStore? store = null, string? device = null)
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

            var options = new GalleryTransformOptions { Store = store };
            if (ModelZip.ReadJson<SavedOptions>(zip, path, OptionsEntry) is { } saved)
            {
                options.Top = saved.Top;
                options.Detector = Enum.Parse<DetectorKind>(saved.Detector);
                options.MinConfidence = saved.MinConfidence;
                options.Device = saved.Device;
            }

            options.Device = device ?? options.Device;

            mapping = new GalleryIdentifyMapping(snapshot, options);
        }

        mlContext.ComponentCatalog.RegisterAssembly(typeof(GalleryMappingFactory).Assembly);
        return LoadingSlot.LoadModel(mlContext, path, mapping, out inputSchema);
    }

    private sealed record SavedOptions(int Top, string Detector, float MinConfidence, string Device);
}

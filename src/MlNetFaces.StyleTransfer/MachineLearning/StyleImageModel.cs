using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetFaces.StyleTransfer;
using MlNetFaces.IO;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The Gatys optimisation as an ML.NET transform: a content-path column in; each row's stylised image (PNG bytes),
/// style drop and final content cost out. The transform writes no file: <see cref="StyleFileWriter.SaveOutputs(IDataView, StyleImageTransformOptions?)"/>
/// is the explicit write step. Saved models carry the style images and the options as extra
/// zip entries (ML.NET ignores them); <see cref="Load"/> reads them and then calls <c>mlContext.Model.Load</c>.
/// </summary>
public static class StyleImageModel
{
    /// <summary>The contract name the image style mapping saves under in a model zip.</summary>
    public const string ContractName = "MlNetFaces.StylizeImage.v2";

    private const string OptionsEntry = "style_options.json";
    private const string StylePrefix = "style_images/";

    /// <summary>The mapping being re-created by <see cref="Load"/> on this thread (for the factory).</summary>
    internal static StyleImageMapping? Loading => LoadingSlot.Current<StyleImageMapping>();

    /// <summary>An estimator that stylises every row's content image with the given style images and options.</summary>
    public static StyleImageEstimator StylizeImages(this TransformsCatalog catalog, StyleImageTransformOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new StyleImageEstimator(catalog, options, StyleImageMapping.FromFiles(options.StylePaths, options.Transfer));
    }

    /// <summary>Saves a model that contains <paramref name="estimator"/>'s transform, with its style images and options inside.</summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, StyleImageEstimator estimator, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(estimator);
        AtomicFile.WriteTemporary(path, file => WriteZip(mlContext, model, inputSchema, estimator, file));
    }

    private static void WriteZip(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, StyleImageEstimator estimator, string path)
    {
        mlContext.Model.Save(model, inputSchema, path);
        var mapping = estimator.Mapping;
        ModelZip.AddEntries(path,
        [
            (OptionsEntry, stream => JsonSerializer.Serialize(stream, mapping.Options)),
            .. mapping.StyleFiles.Select((file, i) => ($"{StylePrefix}{i}/{file.Name}", (Action<Stream>)(stream => stream.Write(file.Bytes)))),
        ]);
    }

    /// <summary>Loads a model saved by <see cref="Save"/> in any <see cref="MLContext"/> (registers this assembly's factories).</summary>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        StyleImageMapping mapping;
        using (var zip = ZipFile.OpenRead(path))
        {
            var options = ModelZip.ReadJson<StyleTransferOptions>(zip, path, OptionsEntry)
                ?? throw new InvalidDataException($"{path}: no style options inside (was it saved with StyleImageModel.Save?).");
            const string Prefix = ModelZip.Folder + StylePrefix;
            var styles = zip.Entries.Where(e => e.FullName.StartsWith(Prefix, StringComparison.Ordinal))
                .OrderBy(e => int.Parse(e.FullName[Prefix.Length..e.FullName.IndexOf('/', Prefix.Length)], System.Globalization.CultureInfo.InvariantCulture))
                .Select(e =>
                {
                    using var stream = e.Open();
                    using var bytes = new MemoryStream();
                    stream.CopyTo(bytes);
                    return (e.Name, bytes.ToArray());
                }).ToList();
            mapping = new StyleImageMapping(styles, options);
        }

        mlContext.ComponentCatalog.RegisterAssembly(typeof(StyleImageMappingFactory).Assembly);
        return LoadingSlot.LoadModel(mlContext, path, mapping, out inputSchema);
    }
}

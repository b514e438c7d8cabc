using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// The gallery transform's estimator (<see cref="MlNetFacesCatalog.IdentifyFaces(TransformsCatalog, Gallery.GallerySnapshot, GalleryTransformOptions)"/>):
/// an <c>ImagePath</c> column → <c>Identity</c>, <c>Distance</c>, <c>FaceCount</c>, <c>TopIdentities</c>,
/// <c>TopDistances</c> (<see cref="GalleryPrediction"/>) for the largest face of each image. Fitting learns nothing;
/// save a model that contains it with <see cref="GalleryModel.Save"/> and <see cref="Mapping"/>, which stores the
/// gallery snapshot in the zip.
/// </summary>
public sealed class GalleryIdentifyEstimator : IEstimator<CustomMappingTransformer<GalleryImageInput, GalleryPrediction>>
{
    private readonly CustomMappingEstimator<GalleryImageInput, GalleryPrediction> inner;

    /// <summary>An estimator that maps rows with <paramref name="mapping"/>.</summary>
    /// <param name="transforms">The catalog that makes the custom mapping.</param>
    /// <param name="mapping">The gallery snapshot, the settings and the face nets (made on first use).</param>
    public GalleryIdentifyEstimator(TransformsCatalog transforms, GalleryIdentifyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        Mapping = mapping ?? throw new ArgumentNullException(nameof(mapping));
        inner = transforms.CustomMapping<GalleryImageInput, GalleryPrediction>(mapping.Map, GalleryModel.ContractName);
    }

    /// <summary>
    /// The mapping the fitted transformer runs: pass it to <see cref="GalleryModel.Save"/>, and dispose it when the
    /// model is no longer used (it holds the face nets).
    /// </summary>
    public GalleryIdentifyMapping Mapping { get; }

    /// <summary>Returns the transformer (nothing is learnt from <paramref name="input"/>).</summary>
    /// <param name="input">Data with an <c>ImagePath</c> text column.</param>
    public CustomMappingTransformer<GalleryImageInput, GalleryPrediction> Fit(IDataView input) => inner.Fit(input);

    /// <summary>The input schema with the prediction columns added.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
}

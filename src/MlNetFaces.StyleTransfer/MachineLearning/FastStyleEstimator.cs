using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;
using MlNetFaces.StyleTransfer.Fast;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Trains a fast feed-forward style network (<see cref="FastStyleTrainer"/>) for one style image on the content images
/// named in an image-path column, and returns it as a transformer (<see cref="FastStyleModel"/>) that stylises an image
/// path column in one forward pass and saves, weights included, into an ordinary ML.NET model zip.
/// </summary>
public sealed class FastStyleEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog transforms;
    private readonly RgbImage style;
    private readonly FastStyleOptions options;
    private readonly int size;
    private readonly string inputColumnName;
    private readonly IStyleBackbone? backbone;

    /// <summary>Use <c>mlContext.Transforms.TrainFastStyle(...)</c>; see <see cref="StyleTransferCatalog.TrainFastStyle"/>.</summary>
    /// <param name="transforms">The catalog of the ML.NET context.</param>
    /// <param name="style">The style image.</param>
    /// <param name="options">Training options; null: the defaults.</param>
    /// <param name="size">The side in pixels the net is trained and applied at.</param>
    /// <param name="inputColumnName">The image-path column.</param>
    /// <param name="backbone">The loss network (not disposed here); null: the pretrained ResNet18, loaded for each Fit.</param>
    public FastStyleEstimator(TransformsCatalog transforms, RgbImage style, FastStyleOptions? options, int size, string inputColumnName, IStyleBackbone? backbone = null)
    {
        this.transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
        this.style = style ?? throw new ArgumentNullException(nameof(style));
        this.options = options ?? new FastStyleOptions();
        this.options.Validate();
        if (size < 16 || size % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The output size must be a multiple of 4 and at least 16, got {size}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        this.size = size;
        this.inputColumnName = inputColumnName;
        this.backbone = backbone;
    }

    /// <summary>The training run of the last <see cref="Fit"/> (losses per iteration, time).</summary>
    public FastStyleTraining? LastTraining { get; private set; }

    /// <summary>
    /// Trains the network on the images of the input column (the whole data view is read now) and returns the transformer
    /// that stylises images in one forward pass; the run is kept in <see cref="LastTraining"/>.
    /// </summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireScalarText(input.Schema, inputColumnName);
        var paths = input.GetColumn<string>(input.Schema[inputColumnName]).ToList();
        var contents = paths.Select(ImageDecoder.Load).ToList();
        var owned = backbone is null ? ResNet18Backbone.Load() : null;
        try
        {
            LastTraining = new FastStyleTrainer(backbone ?? owned!).Train(contents, style, options);
        }
        finally
        {
            owned?.Dispose();
        }

        return FastStyleModel.Chain(transforms, LastTraining.Network, size, string.Empty, inputColumnName).Fit(input);
    }

    /// <summary>The input schema plus the stylised-image column the fitted transformer adds.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.RequireScalarText(inputSchema, inputColumnName);
        using var placeholder = new FastStyleNet(options.Width, options.ResidualBlocks);
        return FastStyleModel.Chain(transforms, placeholder, size, string.Empty, inputColumnName).GetOutputSchema(inputSchema);
    }
}

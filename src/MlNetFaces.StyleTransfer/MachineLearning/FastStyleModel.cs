using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer.Fast;
using MlNetFaces.IO;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// A trained <see cref="FastStyleNet"/> as an ML.NET transformer made only of ML.NET's own parts: <c>LoadImages</c> →
/// <c>ResizeImages</c> (size × size) → <c>ExtractPixels</c> (RGB planes, 0..255) → <c>ApplyOnnxModel</c> (the net exported
/// to ONNX). Its model zip therefore carries the trained weights and loads with a plain <c>mlContext.Model.Load</c> in
/// any process, with no registration call.
/// </summary>
public static class FastStyleModel
{
    /// <summary>The input column: image file paths (relative to the image folder given when the model was built).</summary>
    public const string ImagePathColumn = "ImagePath";

    /// <summary>The output column: the stylised image, RGB planes 0..255 of size × size.</summary>
    public const string OutputColumn = FastStyleNet.OnnxOutputName;

    private const string ImageColumn = "Image";
    private const string ResizedColumn = "Resized";

    /// <summary>Wraps <paramref name="net"/> for images scaled to <paramref name="size"/> × <paramref name="size"/> (a multiple of 4).</summary>
    public static ITransformer ToTransformer(MLContext ml, FastStyleNet net, int size, string imageFolder = "")
    {
        ArgumentNullException.ThrowIfNull(ml);
        return Chain(ml.Transforms, net, size, imageFolder, ImagePathColumn).Fit(ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>()));
    }

    /// <summary>The ML.NET chain that applies <paramref name="net"/> to the image files named in <paramref name="inputColumn"/>.</summary>
    public static IEstimator<ITransformer> Chain(TransformsCatalog transforms, FastStyleNet net, int size, string imageFolder, string inputColumn)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        ArgumentNullException.ThrowIfNull(net);
        var onnx = new MemoryStream(net.ExportOnnx(size));
        return transforms.LoadImages(ImageColumn, imageFolder, inputColumn)
            .Append(transforms.ResizeImages(ResizedColumn, size, size, ImageColumn, ImageResizingEstimator.ResizingKind.Fill))
            .Append(transforms.ExtractPixels(FastStyleNet.OnnxInputName, ResizedColumn, ImagePixelExtractingEstimator.ColorBits.Rgb, interleavePixelColors: false))
            .Append(transforms.ApplyOnnxModel(OutputColumn, FastStyleNet.OnnxInputName, onnx));
    }

    /// <summary>Saves the transformer with its input schema (one text column, <see cref="ImagePathColumn"/>).</summary>
    public static void Save(MLContext ml, ITransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>()).Schema;
        AtomicFile.WriteTemporary(path, file => ml.Model.Save(model, schema, file));
    }

    /// <summary>The side of the square images the model stylises, read from its output column.</summary>
    public static int SizeOf(ITransformer model, MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ml);
        var schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>()).Schema);
        var type = schema[OutputColumn].Type as VectorDataViewType
            ?? throw new InvalidDataException($"The model's '{OutputColumn}' column is not a vector: not a fast style model.");
        return (int)Math.Round(Math.Sqrt(type.Size / 3.0));
    }

    /// <summary>
    /// Stylises image files in one forward pass each; every result is scaled back to the file's aspect ratio with its
    /// longest side equal to the model's size.
    /// </summary>
    public static IReadOnlyList<RgbImage> Apply(MLContext ml, ITransformer model, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(paths);
        var size = SizeOf(model, ml);
        var input = ml.Data.LoadFromEnumerable(paths.Select(p => new ImagePathRow { ImagePath = p }).ToList());
        var output = model.Transform(input);
        var planes = output.GetColumn<float[]>(output.Schema[OutputColumn]).ToList();
        return planes.Select((rgb, i) =>
        {
            var square = FromPlanes(rgb, size);
            var original = ImageDecoder.Load(paths[i]);
            var scale = (double)size / Math.Max(original.Width, original.Height);
            return ImageResizer.Resize(square, Math.Max(1, (int)Math.Round(original.Width * scale)), Math.Max(1, (int)Math.Round(original.Height * scale)));
        }).ToList();
    }

    private static RgbImage FromPlanes(float[] planes, int size)
    {
        var area = size * size;
        var pixels = new byte[area * 3];
        for (var p = 0; p < area; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                pixels[(3 * p) + c] = (byte)Math.Clamp(MathF.Round(planes[(c * area) + p]), 0, 255);
            }
        }

        return new RgbImage(size, size, pixels);
    }

    /// <summary>One input row.</summary>
    public sealed class ImagePathRow
    {
        /// <summary>The path of one image file.</summary>
        public string ImagePath { get; set; } = string.Empty;
    }
}

using System.Buffers.Binary;
using System.Text;
using MlNetFaces.Torch;

namespace MlNetFaces.Models;

/// <summary>
/// Reads the float32 weights of dlib's face recognition ResNet from dlib's own serialisation
/// (<c>dlib_face_recognition_resnet_model_v1.dat</c>) and names them as face-api's <c>face_recognition_model</c>
/// does, in face-api's (TF) layouts, so that <see cref="Faces.FaceRecognitionNet"/> builds from either.
/// </summary>
/// <remarks>
/// dlib writes a network from the input layer outwards; each layer with parameters is a record that starts with its
/// version string (<c>con_4</c>, <c>affine_</c>, <c>fc_2</c>) followed by its parameter tensor. The reader finds
/// those records in order (29 convolutions each followed by its affine layer, then the final projection) and checks
/// every shape against the architecture. Integers use dlib's variable-length encoding (a control byte: byte count in
/// the low nibble, 0x80 for negative; then little-endian bytes); tensors (version 2) are four such integers
/// (samples, k, rows, columns) and the values as little-endian float32. A convolution's parameters are its filters
/// [filters, k, rows, columns] then one bias per filter; an affine layer's are its scales then its shifts; the
/// projection's are a [inputs, outputs] matrix.
/// </remarks>
internal static class DlibDatReader
{
    /// <summary>The convolutions in dlib's (input-first) order, by face-api name.</summary>
    private static readonly string[] ConvNames =
    [
        "conv32_down",
        .. Stage("conv32", down: false, blocks: 3),
        .. Stage("conv64", down: true, blocks: 3),
        .. Stage("conv128", down: true, blocks: 2),
        .. Stage("conv256", down: true, blocks: 2),
        .. Convs("conv256_down_out"),
    ];

    /// <summary>The recognition net's 117 tensors (face-api names and layouts) from a dlib <c>.dat</c> file.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or is not this network.</exception>
    public static TfjsWeights ReadRecognitionNet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var reader = new Cursor(File.ReadAllBytes(path), path);
        var tensors = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
        var inputs = 3L;
        foreach (var name in ConvNames)
        {
            reader.Seek("con_4", name);
            var parameters = reader.Tensor();
            var (filters, rows, columns, stride) = (reader.Int(), reader.Int(), reader.Int(), reader.Int());
            var expectedFilters = long.Parse(name[4..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var expectedSize = name == "conv32_down" ? 7 : 3;
            var expectedStride = name == "conv32_down" || (name.Contains("_down", StringComparison.Ordinal) && name.EndsWith("/conv1", StringComparison.Ordinal)) ? 2 : 1;
            var weightCount = filters * inputs * rows * columns;
            reader.Check(
                filters == expectedFilters && rows == expectedSize && columns == expectedSize && stride == expectedStride
                    && parameters.Length == weightCount + filters,
                $"{name}: expected {expectedFilters} {expectedSize}×{expectedSize} filters over {inputs} channels at stride {expectedStride}, "
                + $"found {filters} {rows}×{columns} at stride {stride} with {parameters.Length} parameters");
            tensors[name + "/conv/filters"] = ([rows, columns, inputs, filters], OihwToHwio(parameters, filters, inputs, rows * columns));
            tensors[name + "/conv/bias"] = ([filters], parameters[(int)weightCount..]);

            reader.Seek("affine_", name);
            var affine = reader.Tensor();
            reader.Check(affine.Length == 2 * filters, $"{name}: the affine layer has {affine.Length} parameters, expected {2 * filters}");
            tensors[name + "/scale/weights"] = ([filters], affine[..(int)filters]);
            tensors[name + "/scale/biases"] = ([filters], affine[(int)filters..]);
            inputs = filters;
        }

        reader.Seek("fc_2", "fc");
        var (outputs, fcInputs) = (reader.Int(), reader.Int());
        var fc = reader.Tensor();
        reader.Check(
            outputs == Faces.FaceRecognitionNet.DescriptorSize && fcInputs == inputs && fc.Length == outputs * fcInputs,
            $"fc: expected a {inputs}×{Faces.FaceRecognitionNet.DescriptorSize} projection without bias, found {fcInputs}×{outputs} with {fc.Length} parameters");
        tensors["fc"] = ([fcInputs, outputs], fc);
        return TfjsWeights.FromTensors(tensors);
    }

    /// <summary>A stage's residual blocks (the down-sampling one first), two convolutions each.</summary>
    private static IEnumerable<string> Stage(string stage, bool down, int blocks) =>
        (down ? Convs(stage + "_down") : []).Concat(Enumerable.Range(1, blocks).SelectMany(i => Convs($"{stage}_{i}")));

    private static string[] Convs(string block) => [block + "/conv1", block + "/conv2"];

    private static float[] OihwToHwio(float[] parameters, long filters, long inputs, long area)
    {
        var result = new float[filters * inputs * area];
        for (var o = 0L; o < filters; o++)
        {
            for (var i = 0L; i < inputs; i++)
            {
                for (var a = 0L; a < area; a++)
                {
                    result[(((a * inputs) + i) * filters) + o] = parameters[(((o * inputs) + i) * area) + a];
                }
            }
        }

        return result;
    }

    /// <summary>A position in the file's bytes, with dlib's integer and tensor decoding.</summary>
    private sealed class Cursor(byte[] bytes, string path)
    {
        private int position;

        /// <summary>Moves past the next record that starts with the serialised string <paramref name="version"/>.</summary>
        public void Seek(string version, string layer)
        {
            var marker = new byte[] { 0x01, (byte)version.Length }.Concat(Encoding.ASCII.GetBytes(version)).ToArray();
            var found = bytes.AsSpan(position).IndexOf(marker);
            Check(found >= 0, $"no '{version}' layer record for {layer} after byte {position} of {bytes.Length} (truncated, or not dlib's face recognition ResNet)");
            position += found + marker.Length;
        }

        public long Int()
        {
            var control = Take(1)[0];
            var size = control & 0x0F;
            Check(size <= 8, $"byte {position - 1}: 0x{control:x2} is not a dlib integer");
            var value = 0L;
            var data = Take(size);
            for (var i = size - 1; i >= 0; i--)
            {
                value = (value << 8) | data[i];
            }

            return (control & 0x80) != 0 ? -value : value;
        }

        public float[] Tensor()
        {
            var version = Int();
            Check(version == 2, $"byte {position}: tensor version {version}, expected 2 (float32 values)");
            var count = 1L;
            for (var i = 0; i < 4; i++)
            {
                var dimension = Int();
                Check(dimension >= 0, $"byte {position}: negative tensor dimension {dimension}");
                count *= dimension;
                Check(count <= (bytes.Length - position) / sizeof(float), $"byte {position}: a tensor of {count} values does not fit in the rest of the file (truncated?)");
            }

            var data = Take((int)count * sizeof(float));
            var values = new float[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * sizeof(float))..]);
            }

            return values;
        }

        public void Check(bool condition, string reason)
        {
            if (!condition)
            {
                throw new InvalidDataException($"{path}: not a readable dlib face recognition ResNet (.dat): {reason}.");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            Check(position + count <= bytes.Length, $"the file ends at byte {bytes.Length}, inside a value at byte {position} (truncated?)");
            var span = bytes.AsSpan(position, count);
            position += count;
            return span;
        }
    }
}

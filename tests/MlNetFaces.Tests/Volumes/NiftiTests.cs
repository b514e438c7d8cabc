using System.Buffers.Binary;
using MlNetFaces.Volumes;

namespace MlNetFaces.Tests.Volumes;

/// <summary>NIfTI-1 round trips (.nii and .nii.gz, every datatype, odd sizes, scaling), header preservation, bad input.</summary>
public sealed class NiftiTests : IDisposable
{
    private static readonly double[] Sform = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 3, -72];

    private readonly TempFolder dir = new("mlnetfaces-nifti-");

    public void Dispose() => dir.Dispose();

    public static TheoryData<NiftiDataType, string> Cases => new()
    {
        { NiftiDataType.Int16, ".nii" },
        { NiftiDataType.Int16, ".nii.gz" },
        { NiftiDataType.UInt8, ".nii.gz" },
        { NiftiDataType.Float32, ".nii" },
        { NiftiDataType.Float64, ".nii.gz" },
        { NiftiDataType.UInt16, ".nii" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripsOddSizesInEveryDatatype(NiftiDataType type, string extension)
    {
        var values = Enumerable.Range(0, 5 * 7 * 3).Select(i => (float)((i * 7) % 200)).ToArray();
        if (type is NiftiDataType.Float32 or NiftiDataType.Float64)
        {
            values = values.Select(v => (v * 0.37f) - 11.5f).ToArray();
        }

        var image = new NiftiImage(NiftiHeader.Create([5, 7, 3], [1.5f, 2f, 3.25f], type, Sform), values);
        var path = dir.File("v" + extension);
        NiftiWriter.Write(path, image);
        var back = NiftiReader.Read(path);
        Assert.Equal(values, back.Values);
        Assert.Equal([5, 7, 3], back.Dimensions);
        Assert.Equal(type, back.Header.DataType);
        Assert.Equal((1.5f, 2f, 3.25f), back.Spacing);
        Assert.Equal([.. Sform, 0, 0, 0, 1], back.Header.Affine());
    }

    [Fact]
    public void AppliesAndKeepsSclSlopeAndInter()
    {
        var header = NiftiHeader.Create([4, 3, 2], [1, 1, 1], NiftiDataType.Int16);
        var raw = NiftiWriter.Encode(new NiftiImage(header, Enumerable.Range(0, 24).Select(i => (float)i).ToArray()));
        BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(112), 0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(116), 10f);
        var scaled = NiftiReader.Read(raw);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => 10 + (0.5f * i)), scaled.Values);

        // Writing the scaled values back stores the same integers under the same slope and intercept.
        var again = NiftiWriter.Encode(scaled);
        Assert.Equal(raw.AsSpan(352).ToArray(), again.AsSpan(352).ToArray());
        var hand = HandNiftiHeader.Parse(again);
        Assert.Equal((0.5f, 10f), (hand.SclSlope, hand.SclInter));
    }

    [Fact]
    public void OutputWithNewValuesKeepsTheHeaderForAnIndependentReader()
    {
        var source = dir.File("source.nii.gz");
        NiftiWriter.Write(source, new NiftiImage(NiftiHeader.Create([6, 5, 4], [0.9f, 0.9f, 2.5f], NiftiDataType.Int16, Sform), new float[120]));
        var image = NiftiReader.Read(source);
        var output = dir.File("out.nii.gz");
        NiftiWriter.Write(output, image.WithValues(Enumerable.Range(0, 120).Select(i => (float)i).ToArray()));

        var before = HandNiftiHeader.Parse(HandNiftiHeader.FileBytes(source));
        var bytes = HandNiftiHeader.FileBytes(output);
        var after = HandNiftiHeader.Parse(bytes);
        Assert.Equal(before.Dim, after.Dim);
        Assert.Equal([3, 6, 5, 4, 1, 1, 1, 1], after.Dim);
        Assert.Equal(before.PixDim, after.PixDim);
        Assert.Equal(before.SRow, after.SRow);
        Assert.Equal(Sform.Select(v => (float)v), after.SRow);
        Assert.Equal((4, 16, 1, "n+1\0"), (after.DataType, after.BitPix, after.SFormCode, after.Magic));
        Assert.Equal(119, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan((int)after.VoxOffset + (2 * 119))));
    }

    [Fact]
    public void BadFilesGetClearErrors()
    {
        var good = NiftiWriter.Encode(new NiftiImage(NiftiHeader.Create([3, 3, 3], [1, 1, 1], NiftiDataType.Int16), new float[27]));
        Assert.Contains("truncated NIfTI header", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(good[..200])).Message, StringComparison.Ordinal);
        Assert.Contains("truncated NIfTI data", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(good[..360])).Message, StringComparison.Ordinal);

        var rgb = (byte[])good.Clone();
        BinaryPrimitives.WriteInt16LittleEndian(rgb.AsSpan(70), 128);
        Assert.Contains("unsupported NIfTI datatype 128", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(rgb)).Message, StringComparison.Ordinal);

        var pair = (byte[])good.Clone();
        "ni1"u8.CopyTo(pair.AsSpan(344));
        Assert.Contains(".hdr/.img", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(pair)).Message, StringComparison.Ordinal);

        var notNifti = new byte[400];
        Assert.Contains("not a NIfTI-1 file", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(notNifti)).Message, StringComparison.Ordinal);

        var gz = dir.File("bad.nii.gz");
        File.WriteAllText(gz, "not gzip");
        Assert.Contains("gzip", Assert.Throws<NiftiFormatException>(() => NiftiReader.Read(gz)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsBigEndianFiles()
    {
        var little = NiftiWriter.Encode(new NiftiImage(NiftiHeader.Create([2, 2, 1], [1, 1, 1], NiftiDataType.Int16), [1, -2, 300, 4]));
        var big = (byte[])little.Clone();
        void Swap(int offset, int size) => Array.Reverse(big, offset, size);
        Swap(0, 4);
        for (var i = 0; i < 8; i++)
        {
            Swap(40 + (2 * i), 2);
            Swap(76 + (4 * i), 4);
        }

        Swap(70, 2);
        Swap(72, 2);
        Swap(108, 4);
        Swap(112, 4);
        Swap(116, 4);
        for (var i = 0; i < 4; i++)
        {
            Swap(352 + (2 * i), 2);
        }

        var image = NiftiReader.Read(big);
        Assert.True(image.Header.BigEndian);
        Assert.Equal([1f, -2f, 300f, 4f], image.Values);
        Assert.Equal(big, NiftiWriter.Encode(image));
    }

    [SkippableTheory]
    [InlineData("mri_t1_head_itk_128x128x62.nii.gz", new[] { 128, 128, 62 })]
    [InlineData("mri_t1_brain_nibabel_someones_anatomy_57x67x56.nii.gz", new[] { 57, 67, 56 })]
    [InlineData("fmri_4d_nibabel_example4d_128x96x24x2.nii.gz", new[] { 128, 96, 24, 2 })]
    [InlineData("mri_dwi_b0_dipy_S0_128x128x10.nii.gz", new[] { 128, 128, 10, 1 })]
    public void ReadsTheSharedVolumesAndWritesThemBackIdentically(string file, int[] dims)
    {
        var path = Path.Combine(TestPaths.Data, "media", "volumes", file);
        Skip.IfNot(File.Exists(path), $"{path} is absent: set MLNETFACES_DATA to the shared data folder to run this test.");
        var image = NiftiReader.Read(path);
        Assert.Equal(dims, image.Dimensions);
        Assert.True(image.Values.Max() > image.Values.Min());
        var original = HandNiftiHeader.FileBytes(path);
        var written = NiftiWriter.Encode(image);
        var (a, b) = (HandNiftiHeader.Parse(original), HandNiftiHeader.Parse(written));
        Assert.Equal(a.Dim, b.Dim);
        Assert.Equal(a.PixDim, b.PixDim);
        Assert.Equal(a.SRow, b.SRow);
        Assert.Equal((a.QFormCode, a.SFormCode, a.DataType), (b.QFormCode, b.SFormCode, b.DataType));
        Assert.Equal(original.AsSpan((int)a.VoxOffset).ToArray(), written.AsSpan((int)b.VoxOffset).ToArray());
    }
}

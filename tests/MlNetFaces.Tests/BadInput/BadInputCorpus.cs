using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using MlNetFaces.Gallery;
using MlNetFaces.Imaging;

namespace MlNetFaces.Tests.BadInput;

/// <summary>
/// A folder of bad and hostile input files, generated once per test run (nothing is copied from ../shared): empty,
/// truncated and foreign files, images whose header declares billions of pixels, gzip bombs in NIfTI clothing, NaN
/// samples and voxels, damaged zips and galleries. <see cref="Hashes"/> lets each case prove it wrote none of them.
/// </summary>
public sealed class BadInputCorpus : IDisposable
{
    /// <summary>Four black 10000×10000 PNGs (100 megapixels each, just within the default limit; 0.3 MB each on disk).</summary>
    public static readonly string[] LargeImages = ["zeros-10000-a.png", "zeros-10000-b.png", "zeros-10000-c.png", "zeros-10000-d.png"];

    public BadInputCorpus()
    {
        Root = Directory.CreateTempSubdirectory("mlnetfaces-bad-input-").FullName;
        Directory.CreateDirectory(Path("folder"));
        Directory.CreateDirectory(Path("out"));
        var photo = new RgbImage(48, 40, Enumerable.Range(0, 48 * 40 * 3).Select(i => (byte)((i * 37) % 251)).ToArray());
        ImageEncoder.Save(photo, Path("content.png"));
        ImageEncoder.Save(photo, Path("style.png"));
        ImageEncoder.Save(photo, Path("folder/content.png"));
        File.CreateSymbolicLink(Path("link-to-content.png"), Path("content.png"));
        if (OperatingSystem.IsLinux())
        {
            using var ln = System.Diagnostics.Process.Start("ln", [Path("content.png"), Path("hardlink-to-content.png")]);
            ln.WaitForExit();
        }
        File.WriteAllBytes(Path("empty.jpg"), []);
        File.WriteAllText(Path("text.png"), "hello, not an image");
        var png = File.ReadAllBytes(Path("content.png"));
        File.WriteAllBytes(Path("truncated.png"), png[..(png.Length / 2)]);
        File.WriteAllBytes(Path("huge-header.png"), Png(65535, 65535, []));
        File.WriteAllBytes(Path("zeros-24000.png"), Png(24000, 24000, ZeroRows(24000, 24000)));
        var large = Png(10000, 10000, ZeroRows(10000, 10000));
        foreach (var name in LargeImages)
        {
            File.WriteAllBytes(Path(name), large);
        }

        File.WriteAllBytes(Path("empty.zip"), []);
        File.WriteAllBytes(Path("random.zip"), Random(5000, 1));
        using (var zip = ZipFile.Open(Path("foreign.zip"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            writer.Write("not a model");
        }

        File.WriteAllBytes(Path("truncated.zip"), File.ReadAllBytes(Path("foreign.zip"))[..40]);
        File.WriteAllBytes(Path("not-gzip.tgz"), "this is not a gzip tar"u8.ToArray());
        File.WriteAllBytes(Path("a-file"), [1, 2, 3]);

        File.WriteAllText(Path("pairs.tsv"), "a.jpg\tb.jpg\t1\nc.jpg\td.jpg\t0\n");
        File.WriteAllText(Path("bad-header.txt"), "garbage header\nx y\n");
        File.WriteAllText(Path("zero-per-class.txt"), "10 0\nAaron 1 2\n");
        File.WriteAllText(Path("one-class.txt"), "2\nAaron 1 2\nBob 1 2\n");

        File.WriteAllBytes(Path("empty.db"), []);
        BadMetaGallery(Path("bad-dimension.db"), "embedding_dimension", "abc");
        BadMetaGallery(Path("bad-threshold.db"), "threshold", "NaN");

        var tone = Enumerable.Range(0, 8000).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray();
        File.WriteAllBytes(Path("tone.wav"), FloatWav(tone, 8000));
        var poisoned = (float[])tone.Clone();
        poisoned[10] = float.NaN;
        poisoned[20] = float.PositiveInfinity;
        File.WriteAllBytes(Path("nan.wav"), FloatWav(poisoned, 8000));
        var fast = FloatWav(tone, 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(fast.AsSpan(24), 4_000_000_000);
        File.WriteAllBytes(Path("rate-4e9.wav"), fast);

        File.WriteAllBytes(Path("volume.nii"), Nifti([16, 16, 16], Enumerable.Range(0, 4096).Select(i => (float)(i % 7)).ToArray()));
        var holes = Enumerable.Range(0, 4096).Select(i => (float)(i % 7)).ToArray();
        holes[5] = float.NaN;
        holes[100] = float.NegativeInfinity;
        File.WriteAllBytes(Path("nan.nii"), Nifti([16, 16, 16], holes));
        GzipBomb(Path("1024-cubed.nii.gz"), NiftiHeader([1024, 1024, 1024], 2, 8), 64);
        GzipBomb(Path("tail-3g.nii.gz"), NiftiHeader([8, 8, 8], 2, 8), 192);
        Hashes = HashAll();
    }

    /// <summary>The corpus folder.</summary>
    public string Root { get; }

    /// <summary>A hash of every file, taken after generation.</summary>
    public IReadOnlyDictionary<string, string> Hashes { get; }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>The hash of every file under <see cref="Root"/> (symbolic links not followed).</summary>
    public Dictionary<string, string> HashAll() => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Where(f => new FileInfo(f).LinkTarget is null)
        .ToDictionary(f => System.IO.Path.GetRelativePath(Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static byte[] Png(int width, int height, byte[] idat)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // 8-bit greyscale
        Chunk(stream, "IHDR", header);
        Chunk(stream, "IDAT", idat);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        stream.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    // A zlib stream of height rows of (filter byte 0, width zero pixels), compressed as it goes.
    private static byte[] ZeroRows(int width, int height)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var rows = new byte[(width + 1) * 64];
            for (var i = 0; i < height; i += 64)
            {
                zlib.Write(rows, 0, (width + 1) * Math.Min(64, height - i));
            }
        }

        return output.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void BadMetaGallery(string path, string key, string value)
    {
        FaceGallery.Open(path, GalleryEnrollment.PipelineModelId, 128, create: true).Dispose();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = new SqliteCommand("UPDATE meta SET value = $value WHERE key = $key", connection);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static byte[] FloatWav(float[] samples, int rate)
    {
        var bytes = new byte[44 + (samples.Length * 4)];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + (samples.Length * 4)));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], rate * 4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 32);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)(samples.Length * 4));
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(44 + (4 * i))..], samples[i]);
        }

        return bytes;
    }

    private static byte[] NiftiHeader(int[] dims, short datatype, short bitpix)
    {
        var header = new byte[352];
        var s = header.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, 348);
        BinaryPrimitives.WriteInt16LittleEndian(s[40..], (short)dims.Length);
        for (var i = 0; i < 7; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(42 + (2 * i))..], (short)(i < dims.Length ? dims[i] : 1));
        }

        BinaryPrimitives.WriteInt16LittleEndian(s[70..], datatype);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], bitpix);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(76 + (4 * i))..], 1f);
        }

        BinaryPrimitives.WriteSingleLittleEndian(s[108..], 352f);
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], 1f);
        "n+1\0"u8.CopyTo(s[344..]);
        return header;
    }

    private static byte[] Nifti(int[] dims, float[] values)
    {
        var bytes = new byte[352 + (values.Length * 4)];
        NiftiHeader(dims, 16, 32).CopyTo(bytes, 0);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(352 + (4 * i)), values[i]);
        }

        return bytes;
    }

    // The header as one gzip member, then the same 16 MiB-of-zeros member repeated: a few MB that inflate to GBs.
    private static void GzipBomb(string path, byte[] header, int zeroMembers)
    {
        using var file = File.Create(path);
        file.Write(Gzip(header));
        var zeros = Gzip(new byte[16 << 20]);
        for (var i = 0; i < zeroMembers; i++)
        {
            file.Write(zeros);
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

using MlNetFaces.Imaging;

namespace MlNetFaces.Training;

/// <summary>
/// 150×150 face crops on disk, one PNG per image keyed by the SHA-256 of the image file and the crop mode
/// (<c>{folder}/{mode}/{key[0..2]}/{key}.png</c>; an empty <c>.noface</c> file records that no face was found).
/// </summary>
public sealed class FaceCropCache
{
    /// <summary>The environment variable that moves the crop cache (<see cref="DefaultFolder"/>).</summary>
    public const string EnvironmentVariable = "MLNETFACES_CROPS";

    /// <summary>A cache rooted at <paramref name="folder"/> (created on the first write).</summary>
    /// <param name="folder">The cache root; <see cref="DefaultFolder"/> when null.</param>
    public FaceCropCache(string? folder = null)
    {
        Folder = folder ?? DefaultFolder();
    }

    /// <summary>The cache root; crops lie under one subfolder per crop mode.</summary>
    public string Folder { get; }

    /// <summary><c>$MLNETFACES_CROPS</c>, else <c>~/.cache/mlnetfaces/crops</c>.</summary>
    public static string DefaultFolder() => Models.UserCache.Folder(EnvironmentVariable, "crops");

    /// <summary>True when the key is cached; <paramref name="crop"/> is then the crop, or null for "no face".</summary>
    public bool TryGet(string mode, string key, out RgbImage? crop)
    {
        var png = PathOf(mode, key, ".png");
        if (File.Exists(png))
        {
            try
            {
                crop = ImageDecoder.Load(png);
                return true;
            }
            catch (ImageDecodeException)
            {
                File.Delete(png); // a torn write: recompute
            }
        }

        crop = null;
        return File.Exists(PathOf(mode, key, ".noface"));
    }

    /// <summary>Stores the crop of an image (PNG, written atomically), or records "no face" when <paramref name="crop"/> is null.</summary>
    /// <param name="mode">The crop mode's id (<see cref="FaceCropper.ModeId"/>).</param>
    /// <param name="key">The hex SHA-256 of the image file.</param>
    /// <param name="crop">The 150×150 crop, or null when no face was found.</param>
    public void Add(string mode, string key, RgbImage? crop)
    {
        var target = PathOf(mode, key, crop is null ? ".noface" : ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (crop is null)
        {
            File.WriteAllBytes(target, []);
            return;
        }

        // Write beside, then rename: a reader never sees half a PNG. The temporary name is unique per call, since two
        // threads or processes may add the same image at once (measured: a notebook and a test sharing the cache).
        var temporary = target + $".{Guid.NewGuid():N}.tmp.png";
        ImageEncoder.Save(crop, temporary);
        File.Move(temporary, target, overwrite: true);
    }

    private string PathOf(string mode, string key, string extension) =>
        Path.Combine(Folder, mode, key[..2], key + extension);
}

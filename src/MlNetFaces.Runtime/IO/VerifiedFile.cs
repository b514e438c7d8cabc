using System.Globalization;
using System.Security.Cryptography;

namespace MlNetFaces.IO;

/// <summary>
/// Files checked against a SHA-256, hashed once rather than in every process: a stamp beside the file
/// (<c>name</c> + <see cref="StampSuffix"/>) records the hash with the file's length and last write time, and while both
/// are unchanged the file counts as verified without being read. Any rewrite of the file changes them, and the next
/// check hashes it again (as <c>make</c> and git's index trust a file's size and time).
/// </summary>
public static class VerifiedFile
{
    /// <summary>What a stamp's name adds to its file's.</summary>
    public const string StampSuffix = ".sha256";

    /// <summary>
    /// True when <paramref name="path"/> exists and its SHA-256 is <paramref name="sha256"/> (lowercase hex): from the
    /// stamp when it matches the file, else by hashing the file (renewing the stamp where the folder can be written).
    /// </summary>
    public static bool Check(string path, string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return false;
        }

        var stamp = path + StampSuffix;
        if (File.Exists(stamp) && File.ReadAllText(stamp) == Line(sha256, info))
        {
            return true;
        }

        string actual;
        using (var stream = info.OpenRead())
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (actual != sha256)
        {
            return false;
        }

        TryStamp(path, sha256);
        return true;
    }

    /// <summary>Records that the file as it is now has the SHA-256 <paramref name="sha256"/> (nothing when the folder is read-only).</summary>
    public static void TryStamp(string path, string sha256)
    {
        try
        {
            AtomicFile.WriteAllText(path + StampSuffix, Line(sha256, new FileInfo(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only store: the file is hashed again next time.
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> has a stamp and still has the SHA-256 it records (<see cref="Check"/> against
    /// <see cref="StampedHash"/>): for files the project writes and stamps itself, whose hash nothing else pins.
    /// </summary>
    public static bool MatchesStamp(string path) => StampedHash(path) is { } hash && Check(path, hash);

    /// <summary>The SHA-256 the stamp of <paramref name="path"/> records, or null without a readable stamp.</summary>
    public static string? StampedHash(string path)
    {
        var stamp = path + StampSuffix;
        return File.Exists(stamp) && File.ReadAllText(stamp).Split(' ') is [var hash, _, _] ? hash : null;
    }

    private static string Line(string sha256, FileInfo info) =>
        string.Create(CultureInfo.InvariantCulture, $"{sha256} {info.Length} {info.LastWriteTimeUtc.Ticks}");
}

using System.Runtime.InteropServices;
using System.Text;

namespace MlNetFaces.IO;

/// <summary>
/// Whether two paths name the same file: after resolving relative parts and symbolic links (of the file and its
/// folders), and on Linux also two hard links to one file (same device and inode).
/// </summary>
public static partial class FileIdentity
{
    private static readonly StringComparison Comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>True when both paths exist and resolve to the same file.</summary>
    public static bool SameFile(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!File.Exists(a) || !File.Exists(b))
        {
            return false;
        }

        return string.Equals(Canonical(a), Canonical(b), Comparison)
            || (OperatingSystem.IsLinux() && LinuxId(a) is { } idA && LinuxId(b) is { } idB && idA == idB);
    }

    /// <summary>
    /// The file's device and inode (Linux <c>statx</c>, whose layout is the same on every architecture): equal for two
    /// hard links to one file, which share no path.
    /// </summary>
    private static (uint DevMajor, uint DevMinor, ulong Inode)? LinuxId(string path)
    {
        const int AtFdCwd = -100;
        const uint StatxIno = 0x100;
        var buffer = new byte[256];
        if (NativeStatx(AtFdCwd, Path.GetFullPath(path), 0, StatxIno, buffer) != 0)
        {
            return null;
        }

        var inode = BitConverter.ToUInt64(buffer, 32);   // stx_ino
        var major = BitConverter.ToUInt32(buffer, 136);  // stx_dev_major
        var minor = BitConverter.ToUInt32(buffer, 140);  // stx_dev_minor
        return (major, minor, inode);
    }

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link resolved (as far as the platform allows).</summary>
    public static string Canonical(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsWindows() && RealPath(full) is { } real)
        {
            return real;
        }

        try
        {
            var info = new FileInfo(full);
            return info.LinkTarget is null ? full : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static string? RealPath(string path)
    {
        var buffer = new byte[4096 + 1];
        var result = NativeRealPath(path, buffer);
        if (result == IntPtr.Zero)
        {
            return null;
        }

        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int NativeStatx(int dirfd, string path, int flags, uint mask, byte[] statx);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial IntPtr NativeRealPath(string path, byte[] resolved);
}

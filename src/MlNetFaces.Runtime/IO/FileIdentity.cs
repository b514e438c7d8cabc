using System.Runtime.InteropServices;
using System.Text;

namespace MlNetFaces.IO;

/// <summary>Whether two paths name the same file once relative parts and symbolic links (of the file and its folders) are resolved.</summary>
public static partial class FileIdentity
{
    private static readonly StringComparison Comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>True when both paths exist and resolve to the same file.</summary>
    public static bool SameFile(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return File.Exists(a) && File.Exists(b) && string.Equals(Canonical(a), Canonical(b), Comparison);
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

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial IntPtr NativeRealPath(string path, byte[] resolved);
}

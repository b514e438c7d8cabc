using System.Runtime.InteropServices;

namespace MlNetFaces.Torch;

/// <summary>
/// Runs native code with the process's standard error sent to <c>/dev/null</c>, for libtorch calls that print a
/// warning nobody can act on (L-BFGS's "Optimizer::parameters() will be removed in PyTorch 1.6" on every run). Only
/// what is written during the call is dropped; an exception still propagates. A no-op on Windows.
/// </summary>
internal static partial class NativeStderr
{
    private const int StderrFd = 2;
    private const int ReadWrite = 2;
    private static readonly Lock Gate = new();

    /// <summary>Runs <paramref name="action"/> with native standard error silenced, and returns its result.</summary>
    public static T Silenced<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (OperatingSystem.IsWindows())
        {
            return action();
        }

        lock (Gate)
        {
            Console.Error.Flush();
            var saved = Dup(StderrFd);
            var devNull = saved < 0 ? -1 : Open("/dev/null", ReadWrite);
            if (devNull < 0)
            {
                if (saved >= 0)
                {
                    _ = Close(saved);
                }

                return action();
            }

            try
            {
                _ = Dup2(devNull, StderrFd);
                return action();
            }
            finally
            {
                _ = Dup2(saved, StderrFd);
                _ = Close(saved);
                _ = Close(devNull);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int fd);
}

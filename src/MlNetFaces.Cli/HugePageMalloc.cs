using System.Runtime.InteropServices;
using MlNetFaces.IO;

namespace MlNetFaces.Cli;

/// <summary>
/// Starts the command line again, in the same process, with glibc's malloc asking the kernel for transparent huge pages
/// (<c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1</c>), where the kernel gives them only to memory that asks
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> is <c>madvise</c>, as on Debian and Ubuntu). The nets' first runs
/// touch tens of MB of fresh memory, and on a virtual machine each fresh 4 KB page is a costly fault. Measured on a
/// 2-core VM: a <c>verify</c> of two photos made 22,000 page faults and took 0.60 s; with huge pages it makes 9,000 and
/// takes 0.48 s, this restart (about 60 ms of .NET start-up) included. glibc reads the setting only when a process
/// starts, hence the restart. Skipped where it cannot help or was decided already: not Linux or not glibc, huge pages
/// <c>always</c> or <c>never</c>, the setting already given, a debugger attached, or <see cref="OptOutVariable"/> set
/// to 0.
/// </summary>
internal static partial class HugePageMalloc
{
    /// <summary>Set to 0 to run without the new start.</summary>
    public const string OptOutVariable = "MLNETFACES_HUGE_PAGES";

    private const string Tunables = "GLIBC_TUNABLES";
    private const string Setting = "glibc.malloc.hugetlb=1";

    /// <summary>Replaces this process with itself under the setting; returns only where it does not apply or failed.</summary>
    public static void Restart()
    {
        if (!OperatingSystem.IsLinux()
            || System.Diagnostics.Debugger.IsAttached // a debugger would lose the process it started
            || Environment.GetEnvironmentVariable(OptOutVariable) == "0"
            || Environment.GetEnvironmentVariable(Tunables)?.Contains("glibc.malloc.hugetlb", StringComparison.Ordinal) == true
            || !NativeLibrary.TryLoad("libc.so.6", out _)
            || !ReadText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal))
        {
            return;
        }

        byte[] commandLine, environment;
        try
        {
            commandLine = File.ReadAllBytes("/proc/self/cmdline");
            environment = File.ReadAllBytes("/proc/self/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var current = Environment.GetEnvironmentVariable(Tunables);
        var tunables = System.Text.Encoding.UTF8.GetBytes($"{Tunables}={(string.IsNullOrEmpty(current) ? Setting : current + ":" + Setting)}");
        var variables = Split(environment).Where(v => !v.AsSpan().StartsWith(System.Text.Encoding.UTF8.GetBytes(Tunables + "="))).Append(tunables);
        var argv = Native([.. Split(commandLine)]);
        var envp = Native([.. variables]);
        try
        {
            ForgetRuntimeEndpoints();
            _ = Execve("/proc/self/exe", argv, envp); // returns only when the new start failed: carry on as we are
        }
        finally
        {
            foreach (var pointer in argv.Concat(envp))
            {
                Marshal.FreeHGlobal(pointer);
            }
        }
    }

    /// <summary>
    /// The runtime's diagnostics socket and debugger pipes of this process, which its shutdown would remove and the
    /// new start creates again under the same names (same process id and start time).
    /// </summary>
    private static void ForgetRuntimeEndpoints()
    {
        var pid = Environment.ProcessId;
        foreach (var pattern in new[] { $"dotnet-diagnostic-{pid}-*-socket", $"clr-debug-pipe-{pid}-*" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), pattern))
            {
                AtomicFile.TryDelete(file); // one left is met by the new start as a stale one
            }
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>The NUL-terminated entries of a <c>/proc</c> list (each ends with a NUL; an entry may be empty).</summary>
    private static List<byte[]> Split(byte[] list)
    {
        var entries = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == 0)
            {
                entries.Add(list[start..i]);
                start = i + 1;
            }
        }

        return entries;
    }

    /// <summary>NUL-terminated native copies of the entries, then a null pointer (as execve wants its lists).</summary>
    private static IntPtr[] Native(byte[][] entries)
    {
        var pointers = new IntPtr[entries.Length + 1];
        for (var i = 0; i < entries.Length; i++)
        {
            pointers[i] = Marshal.AllocHGlobal(entries[i].Length + 1);
            Marshal.Copy(entries[i], 0, pointers[i], entries[i].Length);
            Marshal.WriteByte(pointers[i], entries[i].Length, 0);
        }

        return pointers;
    }

    [LibraryImport("libc.so.6", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Execve(string path, IntPtr[] argv, IntPtr[] envp);
}

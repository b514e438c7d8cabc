using System.Globalization;

namespace MlNetFaces.IO;

/// <summary>
/// Writes a file so that a reader (or a crash) sees either the previous file or the complete new one: the content goes to
/// a hidden temporary file in the target's folder, is flushed to disk, then renamed over the target. An interrupted
/// write (exception, full disk) leaves the previous file intact and no temporary file; a <c>kill -9</c> leaves the
/// previous file intact and at most a stray hidden <c>.name.PID.*.tmp</c> beside it.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Test hook: milliseconds to wait after the temporary file is complete and before it replaces the target, so that
    /// a test can kill the process mid-write. Unset (0) in normal use.
    /// </summary>
    public const string PauseVariable = "MLNETFACES_TEST_WRITE_PAUSE_MS";

    private static readonly int PauseMilliseconds =
        int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, which gets a stream to the temporary file.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteTemporary(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>
    /// For writers that insist on a file name of their own (ML.NET's model save, zip updates): <paramref name="write"/>
    /// writes the complete file at the temporary path it is given, which is then flushed and renamed over
    /// <paramref name="path"/>.
    /// </summary>
    public static void WriteTemporary(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path}: is a folder, not a file.");
        }

        var folder = Path.GetDirectoryName(full) ?? throw new IOException($"{path}: not a file path.");
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(full);
        var stem = name.Length > 180 ? name[..180] : name;
        var temporary = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".{stem}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));
        try
        {
            write(temporary);
            if (!File.Exists(temporary))
            {
                throw new IOException($"{path}: the writer produced no file.");
            }

            FlushToDisk(temporary);
            if (PauseMilliseconds > 0)
            {
                Thread.Sleep(PauseMilliseconds);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Deletes <paramref name="file"/> where it can: one in use (Windows) or in a read-only folder stays.</summary>
    public static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

// MSBuild task (compiled by RoslynCodeTaskFactory from PinnedNpmWeights.targets): extracts the files that a
// manifest pins ("<sha256>  <path inside the tarball>" per line) from an npm tarball (.tgz) into a folder, verifying each
// one's SHA-256. Any file missing from the tarball or with another hash fails the build: nothing unverified is packed.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ExtractPinnedFiles : Task
{
    [Required] public string Tarball { get; set; } = "";
    [Required] public string Manifest { get; set; } = "";
    [Required] public string OutputFolder { get; set; } = "";
    [Output] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var pinned = File.ReadAllLines(Manifest)
            .Where(l => l.Trim().Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
            .Select(l => l.Split(new[] { ' ' }, 2, StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[1].Trim(), p => p[0].Trim().ToLowerInvariant(), StringComparer.Ordinal);
        Directory.CreateDirectory(OutputFolder);
        var found = new List<ITaskItem>();
        using (var file = File.OpenRead(Tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            foreach (var (name, bytes) in TarEntries(gzip))
            {
                if (!pinned.TryGetValue(name, out var sha))
                {
                    continue;
                }

                string actual;
                using (var hasher = SHA256.Create())
                {
                    actual = BitConverter.ToString(hasher.ComputeHash(bytes)).Replace("-", "").ToLowerInvariant();
                }

                if (actual != sha)
                {
                    Log.LogError($"{Tarball}: {name} has SHA-256 {actual}, pinned {sha}. The tarball is not the pinned package; nothing was packed.");
                    return false;
                }

                var target = Path.Combine(OutputFolder, name.Substring(name.LastIndexOf('/') + 1));
                File.WriteAllBytes(target, bytes);
                found.Add(new TaskItem(target));
                pinned.Remove(name);
            }
        }

        if (pinned.Count > 0)
        {
            Log.LogError($"{Tarball} lacks {pinned.Count} pinned file(s): {string.Join(", ", pinned.Keys)}.");
            return false;
        }

        Files = found.ToArray();
        return true;
    }

    // A minimal ustar reader (the task factory compiles against netstandard2.0, which has no System.Formats.Tar):
    // 512-byte headers, octal sizes, "prefix/name" for long paths; other entry types are skipped.
    private static IEnumerable<(string Name, byte[] Bytes)> TarEntries(Stream stream)
    {
        var header = new byte[512];
        while (ReadExactly(stream, header))
        {
            if (header.All(b => b == 0))
            {
                yield break;
            }

            var name = Text(header, 0, 100);
            var prefix = Text(header, 345, 155);
            if (prefix.Length > 0)
            {
                name = prefix + "/" + name;
            }

            var size = Convert.ToInt64(Text(header, 124, 12).Trim().Length == 0 ? "0" : Text(header, 124, 12).Trim(), 8);
            var type = (char)header[156];
            var data = new byte[size];
            if (!ReadExactly(stream, data))
            {
                throw new InvalidDataException("The tarball is truncated.");
            }

            var padding = (int)((512 - (size % 512)) % 512);
            if (padding > 0 && !ReadExactly(stream, new byte[padding]))
            {
                throw new InvalidDataException("The tarball is truncated.");
            }

            if (type == '0' || type == '\0')
            {
                yield return (name, data);
            }
        }
    }

    private static string Text(byte[] buffer, int offset, int length)
    {
        var end = Array.IndexOf(buffer, (byte)0, offset, length);
        return System.Text.Encoding.UTF8.GetString(buffer, offset, (end < 0 ? offset + length : end) - offset);
    }

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return read == 0 && buffer.Length > 0 ? false : throw new InvalidDataException("The tarball is truncated.");
            }

            read += n;
        }

        return true;
    }
}

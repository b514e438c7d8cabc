using System.CommandLine;
using MlNetFaces.Models;

namespace MlNetFaces.Cli.Commands;

/// <summary><c>models fetch</c> and <c>models list</c>: the pretrained files in the model store.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = CommonOptions.Models();
        var from = new Option<string?>("--from") { Description = "Install from a local copy of the package (.tgz from 'npm pack') instead of fetching." };
        var fetch = new Command("fetch", $"Place the pinned files of {FaceApiPackage.Spec} in the model store, verifying each (SHA-256): from the embedded weights, else with npm pack.") { models, from };
        fetch.SetAction(parse =>
        {
            var store = CommonOptions.Store(parse.GetValue(models)) ?? new ModelStore();
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
            var bad = store.MissingOrCorrupt().Select(f => f.FileName).ToHashSet();
            Console.WriteLine(store.Root);
            foreach (var file in FaceApiPackage.Files)
            {
                var state = !bad.Contains(file.FileName) ? "verified"
                    : File.Exists(store.PathOf(file.FileName)) ? "corrupt " : "missing ";
                Console.WriteLine($"  {state}  {file.FileName}  sha256 {file.Sha256[..16]}…{(state == "corrupt " ? " (the file on disk does not match; run 'mlnetfaces models fetch' to restore it)" : string.Empty)}");
            }

            return bad.Count == 0 ? CliApp.Ok : CliApp.Failure;
        });

        return new Command("models", "Pretrained weights: fetch and list.") { fetch, list };
    }
}

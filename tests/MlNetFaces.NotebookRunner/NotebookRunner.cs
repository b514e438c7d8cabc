using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.PackageManagement;
using Notebook = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook;

namespace MlNetFaces.NotebookRunner;

/// <summary>
/// Executes a notebook's C# cells in order in this process with .NET Interactive's C# kernel, as the Polyglot Notebooks
/// host does (<c>#r "nuget: ..."</c> restores packages, their assemblies and native libraries are loaded, kernel
/// extensions such as Plotly.NET.Interactive's formatter are registered), and keeps the cells' outputs. Relative
/// <c>#r</c>, <c>#load</c> and <c>#i "nuget: ..."</c> paths are resolved against <c>baseFolder</c> (the notebook's folder
/// unless given, so that a copy elsewhere still finds its neighbours).
/// </summary>
internal static partial class NotebookRunner
{
    /// <summary>Runs every C# cell of <paramref name="path"/>; throws <see cref="NotebookCellException"/> at the first failing cell.</summary>
    public static async Task<NotebookRun> RunAsync(string path, string? baseFolder = null)
    {
        var folder = Path.GetFullPath(baseFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = await File.ReadAllTextAsync(path);
        var document = Notebook.Parse(text, CSharpOnly());
        var json = JsonNode.Parse(text)!.AsObject();
        var cells = json["cells"]!.AsArray();
        if (cells.Count != document.Elements.Count)
        {
            throw new InvalidOperationException($"{path}: {cells.Count} cells in the JSON, {document.Elements.Count} parsed.");
        }

        var name = Path.GetFileName(path);
        using var kernel = new CompositeKernel();
        kernel.Add(new CSharpKernel().UseNugetDirective((csharp, packages) => AddPackages(kernel, csharp, packages)).UseKernelHelpers());
        kernel.DefaultKernelName = "csharp";
        var total = Stopwatch.StartNew();
        var order = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var element = document.Elements[i];
            if (!IsCSharp(element))
            {
                continue;
            }

            var result = await kernel.SendAsync(new SubmitCode(ResolvePaths(element.Contents, folder), "csharp"));
            var outputs = new JsonArray();
            cells[i]!["execution_count"] = ++order;
            cells[i]!["outputs"] = outputs;
            foreach (var e in result.Events)
            {
                if (NotebookOutputs.From(e, order) is { } output)
                {
                    outputs.Add(output);
                }

                if (e is CommandFailed failed)
                {
                    throw new NotebookCellException(name, i + 1, element.Contents, failed.Message);
                }
            }
        }

        return new NotebookRun(name, json, total.Elapsed);
    }

    /// <summary>Writes the executed notebook (Jupyter JSON with outputs) into <paramref name="folder"/>.</summary>
    public static string Save(NotebookRun run, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, run.Name);
        File.WriteAllText(path, run.Json.ToJsonString(Indented));
        return path;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static KernelInfoCollection CSharpOnly()
    {
        var kernels = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp") };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    private static bool IsCSharp(InteractiveDocumentElement element) =>
        element.KernelName is null or "csharp" && !string.IsNullOrWhiteSpace(element.Contents);

    /// <summary>
    /// What the dotnet-interactive tool does after <c>#r "nuget: ..."</c>: reference the package's assemblies, then load
    /// the kernel extensions they carry (Plotly.NET.Interactive registers its chart formatter this way).
    /// </summary>
    private static async Task AddPackages(CompositeKernel root, CSharpKernel csharp, IReadOnlyList<ResolvedPackageReference> packages)
    {
        NativeLibraries.Probe(packages);
        var paths = packages.SelectMany(p => p.AssemblyPaths).ToList();
        csharp.AddAssemblyReferences(paths);
        foreach (var path in paths)
        {
            // An assembly the host already runs on (FSharp.Core under the F# compiler service) stays the one loaded.
            var name = AssemblyName.GetAssemblyName(path).Name;
            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name)
                ?? System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
            {
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(root);
            }
        }
    }

    private static string ResolvePaths(string code, string folder) => ReferenceDirective().Replace(code, m =>
    {
        var target = m.Groups["path"].Value;
        var isSource = m.Groups["kind"].Value == "i";
        if (isSource != m.Groups["nuget"].Success || Path.IsPathRooted(target) || target.Contains("://", StringComparison.Ordinal))
        {
            return m.Value;
        }

        return $"#{m.Groups["kind"].Value} \"{m.Groups["nuget"].Value}{Path.GetFullPath(Path.Combine(folder, target))}\"";
    });

    [GeneratedRegex("""^#(?<kind>r|load|i)\s+"(?<nuget>nuget:\s*)?(?<path>[^"]+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex ReferenceDirective();
}

// mlnetfaces-notebook-runner NOTEBOOK.ipynb [--out DIR] [--base DIR]
// Runs every C# cell of a notebook top to bottom in this process and writes the executed copy (with outputs) to DIR.
// Exit 0: every cell ran; 1: a cell failed (the notebook, the cell number and the error on stderr); 2: bad usage.
using MlNetFaces.NotebookRunner;

string? notebook = null, output = null, baseFolder = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--base" when i + 1 < args.Length: baseFolder = args[++i]; break;
        default: notebook ??= args[i]; break;
    }
}

if (notebook is null || !File.Exists(notebook))
{
    Console.Error.WriteLine("usage: mlnetfaces-notebook-runner NOTEBOOK.ipynb [--out DIR] [--base DIR]" + (notebook is null ? "" : $" ({notebook} not found)"));
    return 2;
}

try
{
    var run = await NotebookRunner.RunAsync(notebook, baseFolder);
    var saved = output is null ? null : NotebookRunner.Save(run, output);
    Console.WriteLine($"{run.Name}: {run.Elapsed.TotalSeconds:0.0} s" + (saved is null ? "" : $"; executed notebook: {saved}"));
    return 0;
}
catch (NotebookCellException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

using System.Text.Json.Nodes;

namespace MlNetFaces.NotebookRunner;

/// <summary>An executed notebook: its file name, its Jupyter JSON with the cells' outputs, and the wall time.</summary>
internal sealed record NotebookRun(string Name, JsonObject Json, TimeSpan Elapsed);

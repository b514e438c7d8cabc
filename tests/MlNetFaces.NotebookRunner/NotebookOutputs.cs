using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace MlNetFaces.NotebookRunner;

/// <summary>Kernel events as Jupyter (nbformat 4) outputs: streams, display data, execute results and errors.</summary>
internal static class NotebookOutputs
{
    public static JsonObject? From(KernelEvent e, int executionCount) => e switch
    {
        StandardOutputValueProduced o => Stream("stdout", o.FormattedValues),
        StandardErrorValueProduced o => Stream("stderr", o.FormattedValues),
        ReturnValueProduced r => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = Data(r.FormattedValues),
            ["metadata"] = new JsonObject(),
        },
        DisplayEvent d => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(d.FormattedValues),
            ["metadata"] = new JsonObject(),
        },
        CommandFailed f => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = f.Exception?.GetType().Name ?? "CommandFailed",
            ["evalue"] = f.Message,
            ["traceback"] = new JsonArray(),
        },
        _ => null,
    };

    private static JsonObject Stream(string name, IReadOnlyCollection<FormattedValue> values) => new()
    {
        ["output_type"] = "stream",
        ["name"] = name,
        ["text"] = string.Concat(values.Where(v => v.MimeType == PlainTextFormatter.MimeType).Select(v => v.Value)),
    };

    private static JsonObject Data(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values.Where(v => !data.ContainsKey(v.MimeType)))
        {
            data[value.MimeType] = value.Value;
        }

        return data;
    }
}

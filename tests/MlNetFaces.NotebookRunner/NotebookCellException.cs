namespace MlNetFaces.NotebookRunner;

/// <summary>A notebook cell failed: the message names the notebook, the cell (1-based, counting every cell) and the error.</summary>
public sealed class NotebookCellException : Exception
{
    public NotebookCellException(string notebook, int cell, string code, string error)
        : base($"{notebook}, cell {cell} failed: {error}{Environment.NewLine}--- cell {cell} ---{Environment.NewLine}{code}")
    {
        Notebook = notebook;
        Cell = cell;
    }

    public NotebookCellException()
    {
        Notebook = string.Empty;
    }

    public NotebookCellException(string message)
        : base(message)
    {
        Notebook = string.Empty;
    }

    public NotebookCellException(string message, Exception innerException)
        : base(message, innerException)
    {
        Notebook = string.Empty;
    }

    public string Notebook { get; }

    public int Cell { get; }
}

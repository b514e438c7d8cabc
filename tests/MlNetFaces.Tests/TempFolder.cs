namespace MlNetFaces.Tests;

/// <summary>A fresh folder under the system's temporary folder, deleted with all it holds on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder; its name starts with <paramref name="prefix"/>.</summary>
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The path of <paramref name="names"/> joined under the folder; nothing is created.</summary>
    public string File(params string[] names) => System.IO.Path.Combine([Path, .. names]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

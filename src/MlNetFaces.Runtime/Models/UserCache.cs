namespace MlNetFaces.Models;

/// <summary>Where the project keeps per-user caches (models, embeddings, face crops).</summary>
internal static class UserCache
{
    /// <summary>
    /// <c>$environmentVariable</c> when set; else <c>mlnetfaces/parts…</c> under <c>$XDG_CACHE_HOME</c>, or under
    /// <c>~/.cache</c> (LocalApplicationData on Windows).
    /// </summary>
    public static string Folder(string environmentVariable, params string[] parts)
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine([cache, "mlnetfaces", .. parts]);
    }
}

using System.Globalization;

namespace MlNetFaces.Evaluation;

/// <summary>Reads LFW <c>pairs.txt</c> (View 2 / View 1) and tab-separated pair lists (<c>a&lt;TAB&gt;b&lt;TAB&gt;label</c>).</summary>
public static class PairsFile
{
    /// <summary>
    /// LFW pairs: a header "folds pairsPerClass" (or "pairsPerClass" for View 1), then per fold the matched lines
    /// "name i j" followed by the mismatched lines "name1 i name2 j". Paths are root/name/name_NNNN.jpg.
    /// </summary>
    public static PairsReadResult ReadLfw(string pairsPath, string root)
    {
        var lines = ReadLines(pairsPath);
        var header = lines.Count > 0 ? lines[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        if (header.Length is < 1 or > 2 || !header.All(h => int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
        {
            throw new InvalidDataException(
                $"{pairsPath}: the first line must be 'folds pairsPerClass', two positive numbers (LFW pairs.txt), got '{(lines.Count > 0 ? Shorten(lines[0]) : string.Empty)}'"
                + (lines.Count > 0 && lines[0].Contains('\t', StringComparison.Ordinal) ? "; a tab-separated pairs list is read by 'evaluate pairs'." : "."));
        }

        var folds = header.Length == 2 ? int.Parse(header[0], CultureInfo.InvariantCulture) : 1;
        var perClass = int.Parse(header[^1], CultureInfo.InvariantCulture);
        var pairs = new List<ImagePair>();
        var problems = new List<string>();
        for (var i = 1; i < lines.Count; i++)
        {
            // View 1 (one number in the header) has no folds: the protocol then assigns folds by index.
            var fold = header.Length == 2 ? Math.Min((i - 1) / (2 * perClass), folds - 1) : -1;
            var parts = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && TryIndex(parts[1], out var a) && TryIndex(parts[2], out var b))
            {
                pairs.Add(new ImagePair(LfwPath(root, parts[0], a), LfwPath(root, parts[0], b), true, fold));
            }
            else if (parts.Length == 4 && TryIndex(parts[1], out a) && TryIndex(parts[3], out b))
            {
                pairs.Add(new ImagePair(LfwPath(root, parts[0], a), LfwPath(root, parts[2], b), false, fold));
            }
            else
            {
                problems.Add($"{pairsPath}:{i + 1}: malformed line '{lines[i]}'");
            }
        }

        return new PairsReadResult(pairs, problems);
    }

    /// <summary>Tab-separated lines "a b label" (label 1/0 or true/false or same/different); '#' starts a comment; paths relative to root.</summary>
    public static PairsReadResult ReadTsv(string pairsPath, string root)
    {
        var pairs = new List<ImagePair>();
        var problems = new List<string>();
        RequireFile(pairsPath);
        var lines = File.ReadAllLines(pairsPath);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3 || ParseLabel(parts[2].Trim()) is not { } same)
            {
                problems.Add($"{pairsPath}:{i + 1}: malformed line (expected 'a<TAB>b<TAB>label'): '{line}'");
                continue;
            }

            pairs.Add(new ImagePair(Path.Combine(root, parts[0].Trim()), Path.Combine(root, parts[1].Trim()), same));
        }

        return new PairsReadResult(pairs, problems);
    }

    private static List<string> ReadLines(string path)
    {
        RequireFile(path);
        return File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
    }

    private static void RequireFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: is a folder, not a pairs file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: pairs file not found.", path);
        }
    }

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;

    private static bool TryIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;

    private static string LfwPath(string root, string name, int index) =>
        Path.Combine(root, name, string.Create(CultureInfo.InvariantCulture, $"{name}_{index:0000}.jpg"));

    private static bool? ParseLabel(string text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "same" or "yes" => true,
        "0" or "false" or "different" or "no" => false,
        _ => null,
    };
}

using MlNetFaces.Evaluation;

namespace MlNetFaces.Training;

/// <summary>The people of LFW <c>pairs.txt</c> folds, to keep them out of training (the folds are person-disjoint).</summary>
public static class LfwFoldPeople
{
    /// <summary>Every person named in fold <paramref name="fold"/> (1-based) of an LFW pairs file.</summary>
    public static HashSet<string> InFold(string pairsPath, int fold)
    {
        var read = PairsFile.ReadLfw(pairsPath, string.Empty);
        var folds = read.Pairs.Select(p => p.Fold).Distinct().ToList();
        if (!folds.Contains(fold - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fold), $"{pairsPath} has folds 1..{folds.Max() + 1}, not {fold}.");
        }

        return read.Pairs.Where(p => p.Fold == fold - 1)
            .SelectMany(p => new[] { p.PathA, p.PathB })
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p))!)
            .ToHashSet(StringComparer.Ordinal);
    }
}

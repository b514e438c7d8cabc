namespace MlNetFaces.Tests.Training;

/// <summary>The data sets the training tests read, or a skip with a clear message when they are absent.</summary>
internal static class TrainingData
{
    public static string OrlOrSkip() => FolderOrSkip("faces", "orl", "orl_faces");

    public static string LfwOrSkip() => FolderOrSkip("faces", "lfw-deepfunneled", "lfw-deepfunneled");

    private static string FolderOrSkip(params string[] parts)
    {
        var path = Path.Combine([TestPaths.Data, .. parts]);
        Skip.IfNot(Directory.Exists(path), $"{path} is absent: set MLNETFACES_DATA to the shared data folder to run this test.");
        return path;
    }
}

namespace MlNetFaces.Tests.Audio;

/// <summary>The WAVs under <c>$MLNETFACES_DATA/media/audio</c>, or a skip that says how to provide them.</summary>
internal static class SharedAudioData
{
    public static string PathOrSkip(string file)
    {
        var path = Path.Combine(TestPaths.Data, "media", "audio", file);
        Skip.IfNot(File.Exists(path), $"{path} is absent: set MLNETFACES_DATA to the shared data folder to run this test.");
        return path;
    }
}

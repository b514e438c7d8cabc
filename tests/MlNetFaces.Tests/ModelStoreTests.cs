using MlNetFaces.Models;

namespace MlNetFaces.Tests;

public class ModelStoreTests
{
    [Fact]
    public void FetchedFilesAreAllVerified()
    {
        var store = TestPaths.Models;
        Assert.Empty(store.MissingOrCorrupt());
        Assert.True(File.Exists(store.ManifestOf(FaceApiPackage.FaceRecognition)));
    }

    [Fact]
    public void CorruptFileIsDetected()
    {
        var dir = Directory.CreateTempSubdirectory("mlnetfaces-store-").FullName;
        try
        {
            var store = new ModelStore(dir);
            foreach (var f in FaceApiPackage.Files)
            {
                File.Copy(TestPaths.Models.PathOf(f.FileName), store.PathOf(f.FileName));
            }

            Assert.Empty(store.MissingOrCorrupt());
            File.WriteAllText(store.PathOf("face_recognition_model.bin"), "not weights");
            var bad = Assert.Single(store.MissingOrCorrupt());
            Assert.Equal("face_recognition_model.bin", bad.FileName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

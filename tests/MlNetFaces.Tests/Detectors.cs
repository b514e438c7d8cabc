using MlNetFaces.Faces;
using MlNetFaces.Torch;

namespace MlNetFaces.Tests;

/// <summary>The two face detectors, each loaded once per test run from the verified model store.</summary>
internal static class Detectors
{
    private static readonly Lazy<SsdMobilenetV1> SsdModel = new(() =>
    {
        TorchRuntime.EnsureLoaded();
        return SsdMobilenetV1.Load(TestPaths.Models);
    });

    private static readonly Lazy<TinyFaceDetector> TinyModel = new(() =>
    {
        TorchRuntime.EnsureLoaded();
        return TinyFaceDetector.Load(TestPaths.Models);
    });

    public static SsdMobilenetV1 Ssd => SsdModel.Value;

    public static TinyFaceDetector Tiny => TinyModel.Value;
}

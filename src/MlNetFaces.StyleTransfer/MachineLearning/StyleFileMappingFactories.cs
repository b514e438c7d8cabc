using Microsoft.ML.Transforms;
using MlNetFaces.Audio;
using MlNetFaces.Volumes;

namespace MlNetFaces.MachineLearning;

/// <summary>Audio style transfer per row (content WAV, style WAV → output WAV) with the default <see cref="AudioStyleOptions"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AudioStyleMappingFactory : CustomMappingFactory<StyleFileRow, StyleFileResult>
{
    public const string ContractName = "MlNetFaces.StylizeAudio.v1";

    public override Action<StyleFileRow, StyleFileResult> GetMapping() => Map;

    public static void Map(StyleFileRow input, StyleFileResult output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var seconds = new AudioStyleOptions().Seconds; // only the part the transfer uses is read
        var result = AudioStyleTransfer.Run(WavReader.Read(input.MlNetFacesContentPath, seconds), WavReader.Read(input.MlNetFacesStylePath, seconds));
        WavWriter.Write(input.MlNetFacesOutputPath, result.Audio);
        output.MlNetFacesStyleDrop = (float)result.AudioStyleDrop;
        output.MlNetFacesContentCorrelation = (float)result.EnvelopeCorrelation;
    }
}

/// <summary>Volume style transfer per row (content NIfTI, style NIfTI → output NIfTI) with the default <see cref="VolumeStyleOptions"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class VolumeStyleMappingFactory : CustomMappingFactory<StyleFileRow, StyleFileResult>
{
    public const string ContractName = "MlNetFaces.StylizeVolume.v1";

    public override Action<StyleFileRow, StyleFileResult> GetMapping() => Map;

    public static void Map(StyleFileRow input, StyleFileResult output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var result = VolumeStyleTransfer.Run(NiftiReader.Read(input.MlNetFacesContentPath), NiftiReader.Read(input.MlNetFacesStylePath));
        NiftiWriter.Write(input.MlNetFacesOutputPath, result.Volume);
        output.MlNetFacesStyleDrop = (float)result.StoredStyleDrop;
        output.MlNetFacesContentCorrelation = (float)result.ContentCorrelation;
    }
}

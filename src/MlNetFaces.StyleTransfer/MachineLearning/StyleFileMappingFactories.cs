using Microsoft.ML.Transforms;
using MlNetFaces.Audio;
using MlNetFaces.Volumes;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Audio style transfer per row (content WAV, style WAV → the stylised WAV's bytes) with the default
/// <see cref="AudioStyleOptions"/>; writes nothing.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AudioStyleMappingFactory : CustomMappingFactory<StyleFileRow, StyleFileResult>
{
    /// <summary>The contract name this mapping saves under in a model zip.</summary>
    public const string ContractName = "MlNetFaces.StylizeAudio.v2";

    /// <inheritdoc/>
    public override Action<StyleFileRow, StyleFileResult> GetMapping() => Map;

    /// <summary>Stylises one row: reads both WAVs, fills <paramref name="output"/> with the encoded result and its measures.</summary>
    public static void Map(StyleFileRow input, StyleFileResult output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var seconds = new AudioStyleOptions().Seconds; // only the part the transfer uses is read
        var result = AudioStyleTransfer.Run(WavReader.Read(input.MlNetFacesContentPath, seconds), WavReader.Read(input.MlNetFacesStylePath, seconds));
        output.MlNetFacesOutput = WavWriter.Encode(result.Audio);
        output.MlNetFacesStyleDrop = (float)result.AudioStyleDrop;
        output.MlNetFacesContentCorrelation = (float)result.EnvelopeCorrelation;
    }
}

/// <summary>
/// Volume style transfer per row (content NIfTI, style NIfTI → the stylised volume's <c>.nii</c> bytes) with the
/// default <see cref="VolumeStyleOptions"/>; writes nothing.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class VolumeStyleMappingFactory : CustomMappingFactory<StyleFileRow, StyleFileResult>
{
    /// <summary>The contract name this mapping saves under in a model zip.</summary>
    public const string ContractName = "MlNetFaces.StylizeVolume.v2";

    /// <inheritdoc/>
    public override Action<StyleFileRow, StyleFileResult> GetMapping() => Map;

    /// <summary>Stylises one row: reads both volumes, fills <paramref name="output"/> with the encoded result and its measures.</summary>
    public static void Map(StyleFileRow input, StyleFileResult output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var result = VolumeStyleTransfer.Run(NiftiReader.Read(input.MlNetFacesContentPath), NiftiReader.Read(input.MlNetFacesStylePath));
        output.MlNetFacesOutput = NiftiWriter.Encode(result.Volume);
        output.MlNetFacesStyleDrop = (float)result.StoredStyleDrop;
        output.MlNetFacesContentCorrelation = (float)result.ContentCorrelation;
    }
}

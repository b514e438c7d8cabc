namespace MlNetFaces.Audio;

/// <summary>How WAV samples are stored.</summary>
public enum WavSampleFormat
{
    /// <summary>8-bit unsigned PCM (128 = silence).</summary>
    Pcm8,

    /// <summary>16-bit signed PCM.</summary>
    Pcm16,

    /// <summary>24-bit signed PCM.</summary>
    Pcm24,

    /// <summary>32-bit signed PCM.</summary>
    Pcm32,

    /// <summary>32-bit IEEE float.</summary>
    IeeeFloat32,

    /// <summary>64-bit IEEE float.</summary>
    IeeeFloat64,
}

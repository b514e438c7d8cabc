using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Audio;

/// <summary>
/// Options of <see cref="AudioStyleTransfer"/>: the shared optimisation options (steps, α, β, optimiser...) plus the
/// audio front end (rate, STFT), the random feature net and the output stage (Griffin-Lim, loudness).
/// </summary>
public sealed record AudioStyleOptions : StyleOptimizationOptions
{
    public const double DefaultAudioBeta = 1e8;

    private static readonly int[] DefaultKernelWidths = [11];

    public AudioStyleOptions()
    {
        Steps = 100;
        Beta = DefaultAudioBeta;
    }

    /// <summary>Both inputs are mixed to mono and resampled to this rate (Hz); the output has it too.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Only the first this many seconds of the content (and the style) are used.</summary>
    public double Seconds { get; init; } = 10;

    public int FftSize { get; init; } = 1024;

    public int Hop { get; init; } = 256;

    /// <summary>Random filters per kernel width.</summary>
    public int Filters { get; init; } = 512;

    /// <summary>Kernel widths in frames; one tap each (Ulyanov &amp; Lebedev: a single width of 11).</summary>
    public IReadOnlyList<int> KernelWidths { get; init; } = DefaultKernelWidths;

    public int GriffinLimIterations { get; init; } = 100;

    /// <summary>The output's peak never exceeds this (dBFS); its RMS matches the style's when the ceiling allows.</summary>
    public double CeilingDbfs { get; init; } = Loudness.DefaultCeilingDbfs;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        ValidateOptimization();
        Positive(SampleRate, "sample rate");
        PositiveFinite(Seconds, "seconds");
        Positive(Filters, "filters");
        Positive(GriffinLimIterations, "Griffin-Lim iterations");
        if (FftSize < 16 || Hop < 1 || Hop > FftSize)
        {
            throw new ArgumentException($"FFT size {FftSize} and hop {Hop}: need FFT size ≥ 16 and 1 ≤ hop ≤ FFT size.");
        }

        if (KernelWidths.Count == 0 || KernelWidths.Any(w => w < 1))
        {
            throw new ArgumentException("kernel widths must be one or more positive numbers.");
        }

        if (!(CeilingDbfs <= 0))
        {
            throw new ArgumentException("The peak ceiling must be at or below 0 dBFS.");
        }
    }
}

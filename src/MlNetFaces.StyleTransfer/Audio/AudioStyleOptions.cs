using System.Globalization;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Audio;

/// <summary>
/// Options of <see cref="AudioStyleTransfer"/>: the shared optimisation options (steps, α, β, optimiser...) plus the
/// audio front end (rate, STFT), the random feature net and the output stage (Griffin-Lim, loudness).
/// </summary>
public sealed record AudioStyleOptions : StyleOptimizationOptions
{
    /// <summary>The default style weight β of audio runs: 10⁸, for the Gram matrices of the random spectrogram filters.</summary>
    public const double DefaultAudioBeta = 1e8;

    private static readonly int[] DefaultKernelWidths = [11];

    /// <summary>The audio defaults: 100 steps and β = <see cref="DefaultAudioBeta"/>; the other optimisation options keep theirs.</summary>
    public AudioStyleOptions()
    {
        Steps = 100;
        Beta = DefaultAudioBeta;
    }

    /// <summary>Both inputs are mixed to mono and resampled to this rate (Hz); the output has it too.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Only the first this many seconds of the content (and the style) are used.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>STFT window and FFT length in samples; FftSize/2 + 1 frequency bins.</summary>
    public int FftSize { get; init; } = 1024;

    /// <summary>STFT hop in samples between frames.</summary>
    public int Hop { get; init; } = 256;

    /// <summary>Random filters per kernel width.</summary>
    public int Filters { get; init; } = 512;

    /// <summary>Kernel widths in frames; one tap each (Ulyanov &amp; Lebedev: a single width of 11).</summary>
    public IReadOnlyList<int> KernelWidths { get; init; } = DefaultKernelWidths;

    /// <summary>Griffin-Lim iterations that recover a phase for the optimised magnitude.</summary>
    public int GriffinLimIterations { get; init; } = 100;

    /// <summary>The output's peak never exceeds this (dBFS); its RMS matches the style's when the ceiling allows.</summary>
    public double CeilingDbfs { get; init; } = Loudness.DefaultCeilingDbfs;

    /// <summary>The highest working sample rate: 192 kHz.</summary>
    public const int MaxSampleRate = 192_000;

    /// <summary>The most seconds of each input a run uses: 600.</summary>
    public const double MaxSeconds = 600;

    /// <summary>The most samples a run stylises (seconds × sample rate): 60 s at 22.05 kHz.</summary>
    public const long MaxSamples = 60L * 22_050;

    /// <summary>
    /// Roughly the memory a run over <paramref name="samples"/> samples needs, in bytes: measured 2.7 GB for 10 s at
    /// 22.05 kHz with 512 filters of width 11, about 12 kB per sample, scaling with the filters.
    /// </summary>
    public double EstimatedBytes(double samples) => 2e8 + (samples * 11_500 * Filters * KernelWidths.Count / 512.0);

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the first bad option, or a <see cref="StyleLimitException"/> when
    /// the steps, rate, seconds or their product are over a limit.
    /// </summary>
    public void Validate()
    {
        ValidateOptimization();
        Positive(SampleRate, "sample rate");
        PositiveFinite(Seconds, "seconds");
        if (SampleRate > MaxSampleRate)
        {
            throw new StyleLimitException(nameof(SampleRate), string.Create(CultureInfo.InvariantCulture, $"A sample rate of {SampleRate} Hz is over the limit of {MaxSampleRate} Hz."));
        }

        if (Seconds > MaxSeconds)
        {
            throw new StyleLimitException(nameof(Seconds), string.Create(CultureInfo.InvariantCulture, $"{Seconds} seconds of audio are over the limit of {MaxSeconds} s."));
        }

        var samples = Seconds * SampleRate;
        if (samples > MaxSamples)
        {
            throw new StyleLimitException(nameof(Seconds), string.Create(
                CultureInfo.InvariantCulture,
                $"{Seconds} seconds at {SampleRate} Hz are {samples:N0} samples, over the limit of {MaxSamples:N0} (60 s at 22,050 Hz): the run would need about {EstimatedBytes(samples) / 1e9:0.#} GB of memory."));
        }

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

using System.CommandLine;
using System.Globalization;
using MlNetFaces.Audio;
using MlNetFaces.Imaging;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>style audio --content A.wav --style B.wav --out O.wav [--seconds N] [--steps N] [--json]</c> (formerly
/// <c>stylize-audio</c>): audio style transfer on log-magnitude spectrograms with a random wide 1-D convolution
/// (Ulyanov &amp; Lebedev), Griffin-Lim phase.
/// </summary>
internal sealed class StyleAudioMedium : StyleMedium
{
    private static readonly string[] PictureNames = ["content-spectrogram.png", "style-spectrogram.png", "result-spectrogram.png"];
    private static readonly AudioStyleOptions Defaults = new();

    private readonly SignalStyleCliOptions shared = new(Defaults, "Seed of the random filters and the initial phase.");
    private readonly Option<double> seconds = new("--seconds") { Description = "Use at most this many seconds of each input.", DefaultValueFactory = _ => Defaults.Seconds };
    private readonly Option<int> filters = new("--filters") { Description = "Random filters per kernel width.", DefaultValueFactory = _ => Defaults.Filters };
    private readonly Option<string?> widths = new("--widths") { Description = "Comma-separated kernel widths in frames (default: 11)." };
    private readonly Option<int> rate = new("--sample-rate") { Description = "Working and output sample rate (Hz).", DefaultValueFactory = _ => Defaults.SampleRate };
    private readonly Option<int> griffinLim = new("--griffin-lim") { Description = "Griffin-Lim iterations.", DefaultValueFactory = _ => Defaults.GriffinLimIterations };
    private readonly Option<string?> pictures = new("--pictures") { Description = "Write content, style and result spectrogram PNGs into this folder." };

    /// <summary>The <c>style audio</c> medium (formerly <c>stylize-audio</c>) with fresh options.</summary>
    public StyleAudioMedium()
        : base(new StyleMediumText(
            Name: "audio",
            LegacyName: "stylize-audio",
            Description: "Audio style transfer: the content of one WAV with the spectral texture of another.",
            Content: "Content WAV (speech, say).",
            Style: "Style WAV (music or a texture).",
            Output: "Output WAV, 16-bit mono (default: <content>-stylized.wav)."))
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<Option> Options => [seconds, .. shared.All, filters, widths, rate, griffinLim, pictures];

    /// <inheritdoc/>
    public override string DefaultOutput(string contentPath) => Path.GetFileNameWithoutExtension(contentPath) + "-stylized.wav";

    /// <inheritdoc/>
    public override int Steps(ParseResult parse) => shared.Steps(parse);

    /// <inheritdoc/>
    public override IEnumerable<(string Option, string? Folder, IEnumerable<string> Names)> ExtraFolders(ParseResult parse, string outPath) =>
        [("--pictures", parse.GetValue(pictures), PictureNames)];

    /// <inheritdoc/>
    public override StyleRunOutcome Run(StyleRunRequest request)
    {
        var parse = request.Parse;
        var options = shared.Read(parse, Defaults, request.Advance) with
        {
            Seconds = parse.GetValue(seconds),
            Filters = parse.GetValue(filters),
            KernelWidths = StyleCliOptions.ParseNumbers(parse.GetValue(widths), "--widths")?.Select(w => (int)w).ToList() ?? Defaults.KernelWidths,
            SampleRate = parse.GetValue(rate),
            GriffinLimIterations = parse.GetValue(griffinLim),
        };
        options.Validate();
        var result = AudioStyleTransfer.Run(WavReader.Read(request.ContentPath, options.Seconds), WavReader.Read(request.StylePaths[0], options.Seconds), options);
        WavWriter.Write(request.OutputPath, result.Audio);
        var folder = parse.GetValue(pictures);
        if (folder is not null)
        {
            ImageEncoder.Save(result.ContentSpectrogram, Path.Combine(folder, PictureNames[0]));
            ImageEncoder.Save(result.StyleSpectrogram, Path.Combine(folder, PictureNames[1]));
            ImageEncoder.Save(result.ResultSpectrogram, Path.Combine(folder, PictureNames[2]));
        }

        var run = result.Optimization;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {request.OutputPath}: {result.Audio.Seconds:0.00} s, {run.Steps} steps, {run.SecondsPerStep:0.000} s/step; style loss {run.First.Style:G4} -> {run.Last.Style:G4} "
            + $"({result.AudioStyleDrop:0.0}x as heard), envelope correlation {result.EnvelopeCorrelation:0.000}, peak {result.PeakDbfs:0.00} dBFS");
        return new StyleRunOutcome(new AudioStyleJson(request.OutputPath, result, folder), summary);
    }
}

/// <summary>The JSON of <c>style audio</c>: the shared run fields plus the audio figures (docs/CLI-JSON.md).</summary>
internal sealed record AudioStyleJson : StyleRunJson
{
    /// <summary>The document for <paramref name="result"/> written to <paramref name="output"/>.</summary>
    public AudioStyleJson(string output, AudioStyleResult result, string? pictures)
        : base(output, result.Optimization)
    {
        AudioSeconds = Math.Round(result.Audio.Seconds, 3);
        SampleRate = result.Audio.SampleRate;
        AudioStyleDrop = Math.Round(result.AudioStyleDrop, 3);
        EnvelopeCorrelation = Math.Round(result.EnvelopeCorrelation, 4);
        SpectralConvergence = Math.Round(result.SpectralConvergence, 4);
        PeakDbfs = Math.Round(result.PeakDbfs, 3);
        Pictures = pictures;
    }

    /// <summary>The output's length in seconds.</summary>
    public double AudioSeconds { get; }

    /// <summary>The output's sample rate (Hz).</summary>
    public int SampleRate { get; }

    /// <summary>The style-distance drop measured on the written WAV.</summary>
    public double AudioStyleDrop { get; }

    /// <summary>The correlation of the content's and the output's loudness envelopes.</summary>
    public double EnvelopeCorrelation { get; }

    /// <summary>Griffin-Lim's spectral convergence (lower: the phase fits the magnitudes better).</summary>
    public double SpectralConvergence { get; }

    /// <summary>The output's peak level (dBFS).</summary>
    public double PeakDbfs { get; }

    /// <summary>The <c>--pictures</c> folder, if given.</summary>
    public string? Pictures { get; }
}

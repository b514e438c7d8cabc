using System.CommandLine;
using System.Globalization;
using MlNetFaces.Audio;
using MlNetFaces.Imaging;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// <c>stylize-audio --content A.wav --style B.wav --out O.wav [--seconds N] [--steps N] [--json]</c>: audio style
/// transfer on log-magnitude spectrograms with a random wide 1-D convolution (Ulyanov &amp; Lebedev), Griffin-Lim phase.
/// </summary>
internal static class StylizeAudioCommand
{
    private static readonly string[] PictureNames = ["content-spectrogram.png", "style-spectrogram.png", "result-spectrogram.png"];

    public static Command Create()
    {
        var defaults = new AudioStyleOptions();
        var content = new Option<string>("--content") { Description = "Content WAV (speech, say).", Required = true };
        var style = new Option<string>("--style") { Description = "Style WAV (music or a texture).", Required = true };
        var output = new Option<string?>("--out") { Description = "Output WAV, 16-bit mono (default: <content>-stylized.wav)." };
        var seconds = new Option<double>("--seconds") { Description = "Use at most this many seconds of each input.", DefaultValueFactory = _ => defaults.Seconds };
        var steps = new Option<int>("--steps") { Description = "Optimisation steps.", DefaultValueFactory = _ => defaults.Steps };
        var alpha = new Option<double>("--alpha") { Description = "Content weight α.", DefaultValueFactory = _ => defaults.Alpha };
        var beta = new Option<double>("--beta") { Description = "Style weight β.", DefaultValueFactory = _ => defaults.Beta };
        var filters = new Option<int>("--filters") { Description = "Random filters per kernel width.", DefaultValueFactory = _ => defaults.Filters };
        var widths = new Option<string?>("--widths") { Description = "Comma-separated kernel widths in frames (default: 11)." };
        var rate = new Option<int>("--sample-rate") { Description = "Working and output sample rate (Hz).", DefaultValueFactory = _ => defaults.SampleRate };
        var griffinLim = new Option<int>("--griffin-lim") { Description = "Griffin-Lim iterations.", DefaultValueFactory = _ => defaults.GriffinLimIterations };
        var seed = new Option<int>("--seed") { Description = "Seed of the random filters and the initial phase.", DefaultValueFactory = _ => 0 };
        var pictures = new Option<string?>("--pictures") { Description = "Write content, style and result spectrogram PNGs into this folder." };
        var optimizer = StyleCliOptions.OptimizerOption(defaults.Optimizer == StyleOptimizer.Adam ? "adam" : "lbfgs");
        var learningRate = StyleCliOptions.LearningRateOption();
        var json = CommonOptions.Json();
        var command = new Command("stylize-audio", "Audio style transfer: the content of one WAV with the spectral texture of another.")
        {
            content, style, output, seconds, steps, alpha, beta, filters, widths, rate, griffinLim, seed, optimizer, learningRate, pictures, json,
        };
        command.SetAction(parse =>
        {
            var contentPath = parse.GetValue(content)!;
            var outPath = parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(contentPath) + "-stylized.wav";
            string[] inputs = [contentPath, parse.GetValue(style)!];
            OutputGuard.Refuse(inputs, outPath, "--out");
            OutputGuard.RefuseInFolder(inputs, parse.GetValue(pictures), PictureNames, "--pictures");
            var stepCount = parse.GetValue(steps);
            using var progress = new ProgressBar("stylize-audio", stepCount);
            var options = defaults with
            {
                Seconds = parse.GetValue(seconds),
                Steps = stepCount,
                Alpha = parse.GetValue(alpha),
                Beta = parse.GetValue(beta),
                Filters = parse.GetValue(filters),
                KernelWidths = StyleCliOptions.ParseNumbers(parse.GetValue(widths), "--widths")?.Select(w => (int)w).ToList() ?? defaults.KernelWidths,
                SampleRate = parse.GetValue(rate),
                GriffinLimIterations = parse.GetValue(griffinLim),
                Seed = parse.GetValue(seed),
                Optimizer = StyleCliOptions.ParseOptimizer(parse.GetValue(optimizer)),
                LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                Progress = _ => progress.Advance(),
            };
            options.Validate();
            var result = AudioStyleTransfer.Run(WavReader.Read(contentPath, options.Seconds), WavReader.Read(inputs[1], options.Seconds), options);
            WavWriter.Write(outPath, result.Audio);
            if (parse.GetValue(pictures) is { } folder)
            {
                ImageEncoder.Save(result.ContentSpectrogram, Path.Combine(folder, PictureNames[0]));
                ImageEncoder.Save(result.StyleSpectrogram, Path.Combine(folder, PictureNames[1]));
                ImageEncoder.Save(result.ResultSpectrogram, Path.Combine(folder, PictureNames[2]));
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new AudioStyleJson(outPath, result, parse.GetValue(pictures)));
            }
            else
            {
                var run = result.Optimization;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {outPath}: {result.Audio.Seconds:0.00} s, {run.Steps} steps, {run.SecondsPerStep:0.000} s/step; style loss {run.First.Style:G4} -> {run.Last.Style:G4} "
                    + $"({result.AudioStyleDrop:0.0}x as heard), envelope correlation {result.EnvelopeCorrelation:0.000}, peak {result.PeakDbfs:0.00} dBFS"));
            }

            return CliApp.Ok;
        });
        return command;
    }
}

/// <summary>stylize's JSON plus the audio figures.</summary>
internal sealed record AudioStyleJson : StyleRunJson
{
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

    public double AudioSeconds { get; }

    public int SampleRate { get; }

    public double AudioStyleDrop { get; }

    public double EnvelopeCorrelation { get; }

    public double SpectralConvergence { get; }

    public double PeakDbfs { get; }

    public string? Pictures { get; }
}

using System.CommandLine;
using MlNetFaces.Faces;
using MlNetFaces.Models;
using MlNetFaces.Embedding;

namespace MlNetFaces.Cli;

/// <summary>
/// The options every face command shares (detector, device, engine, model store, recognition weights, compatibility) and the
/// pipeline options they make, so that <c>detect</c>, <c>embed</c>, <c>verify</c>, <c>gallery</c> and <c>evaluate</c>
/// find and embed faces the same way.
/// </summary>
internal sealed class FaceCliOptions
{
    public Option<DetectorKind> Detector { get; } = CommonOptions.Detector();

    public Option<string> Device { get; } = CommonOptions.Device();

    public Option<string?> Models { get; } = CommonOptions.Models();

    public Option<RecognitionWeights?> Weights { get; } = new("--weights")
    {
        Description = "Recognition weights: dlib (dlib's float32, the default) or faceapi (face-api's 8-bit copy, the default of earlier versions; for galleries and caches made with them).",
        CustomParser = r => r.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "dlib" => RecognitionWeights.DlibFloat32,
            "faceapi" => RecognitionWeights.FaceApi8Bit,
            var other => Error<RecognitionWeights?>(r, $"Unknown weights '{other}': use dlib or faceapi."),
        },
    };

    public Option<FaceCompatibility> Compat { get; } = new("--compat")
    {
        Description = "faceapi: exactly face-api.js's descriptors (its 8-bit weights, its crop at the image border, one detection pass), to search descriptors made by face-api.js.",
        DefaultValueFactory = _ => FaceCompatibility.Default,
        CustomParser = r => r.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "faceapi" => FaceCompatibility.FaceApiJs,
            "none" => FaceCompatibility.Default,
            var other => Error<FaceCompatibility>(r, $"Unknown compatibility '{other}': use faceapi (or none)."),
        },
    };

    public Option<InferenceEngine> Engine { get; } = CommonOptions.Engine();

    /// <summary>Adds the options to a command.</summary>
    public Command AddTo(Command command)
    {
        foreach (Option option in new Option[] { Detector, Device, Engine, Models, Weights, Compat })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public ModelStore? Store(ParseResult parse) => CommonOptions.Store(parse.GetValue(Models));

    /// <summary>Options for listing every face of a photo (<c>detect</c>, <c>embed</c>, gallery enrolment and search).</summary>
    public FacePipelineOptions Listing(ParseResult parse) => Apply(parse, new FacePipelineOptions
    {
        Detector = parse.GetValue(Detector),
        Device = parse.GetValue(Device)!,
        Store = Store(parse),
    });

    /// <summary>Options for the face each photo is about (<c>verify</c>, <c>evaluate</c>): <see cref="FaceEmbedder.PipelineOptions"/>.</summary>
    public FacePipelineOptions Central(ParseResult parse) =>
        Apply(parse, FaceEmbedder.PipelineOptions(parse.GetValue(Detector), parse.GetValue(Device)!, Store(parse)));

    private FacePipelineOptions Apply(ParseResult parse, FacePipelineOptions options)
    {
        var compatibility = parse.GetValue(Compat);
        options.Engine = parse.GetValue(Engine);
        if (parse.GetValue(Weights) is { } weights)
        {
            if (compatibility == FaceCompatibility.FaceApiJs && weights != RecognitionWeights.FaceApi8Bit)
            {
                throw new UsageException("--compat faceapi uses face-api's 8-bit weights; it cannot be combined with --weights dlib.");
            }

            options.RecognitionWeights = weights;
        }

        return options.UseCompatibility(compatibility);
    }

    private static T Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}

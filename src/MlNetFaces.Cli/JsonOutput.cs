using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MlNetFaces.Faces;

namespace MlNetFaces.Cli;

/// <summary>The JSON documents of docs/CLI-JSON.md (snake_case, boxes [x,y,w,h], landmarks 68×[x,y]).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,

        // A diverged number (NaN, ±∞) is written as a string rather than failing the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // The documents of the quick commands come from generated code (reflection-based serialisation took 40 ms of a
        // 0.8 s verify); every other document falls back to reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(QuickDocuments.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Write<T>(T document) => Console.Out.WriteLine(JsonSerializer.Serialize(document, Options));

    public static FaceJson ToJson(Face face, bool withEmbedding) => new(
        face.Box.ToArray().Select(v => Math.Round(v, 3)).ToArray(),
        MathF.Round(face.Score, 6),
        face.Landmarks.Select(p => new[] { Math.Round(p.X, 3), Math.Round(p.Y, 3) }).ToArray(),
        withEmbedding ? face.Descriptor : null);
}

/// <summary>Generated serialisers of the documents <c>verify</c>, <c>detect</c> and <c>embed</c> write.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(ImagesJson))]
internal sealed partial class QuickDocuments : JsonSerializerContext;

internal sealed record FaceJson(double[] Box, float Score, double[][] Landmarks, float[]? Embedding);

internal sealed record ImageJson(string Path, int Width, int Height, IReadOnlyList<FaceJson> Faces);

internal sealed record ImagesJson(IReadOnlyList<ImageJson> Images);

internal sealed record VerifyJson(double Distance, double Threshold, bool Same, double? Probability);

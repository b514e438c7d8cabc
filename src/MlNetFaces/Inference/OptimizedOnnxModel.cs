using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using MlNetFaces.IO;
using Microsoft.ML.OnnxRuntime;

namespace MlNetFaces.Inference;

/// <summary>
/// ONNX Runtime's graph optimisation of a model (node fusions, the NCHWc layout for the CPU's vector width) kept beside
/// the model as a small graph file and a file of weights, so that later processes load the result instead of optimising
/// again, and map the weights from the file instead of parsing and copying them. Measured on a 2-core AMD EPYC: creating
/// the SSD session went from 490 to 32 ms, the recognition net's from 440 to 28 ms, and the SSD session's peak memory
/// from 204 to 128 MB.
/// </summary>
/// <remarks>
/// Such a graph holds the layout of this CPU family and this ONNX Runtime build (ONNX Runtime warns that it only suits
/// the machine it was made on), so its name carries both (<see cref="Key"/>). Each optimisation is a generation of its
/// own (a random id in both names), written completely before its SHA-256 stamps, which are what make it count: a
/// process never sees a half-written one, and processes optimising at once do not overwrite each other's files.
/// </remarks>
internal static class OptimizedOnnxModel
{
    private const string WeightsSuffix = ".data";

    /// <summary>What the optimised graph depends on: ONNX Runtime's version, the architecture and the widest vector ISA.</summary>
    public static string Key { get; } = string.Join('-', "ort" + OrtEnv.Instance().GetVersionString(), RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), VectorIsa());

    /// <summary>
    /// A session on the model at <paramref name="modelPath"/>: from its kept optimised graph when there is a verified
    /// one, else optimised now and kept (where the folder can be written).
    /// </summary>
    public static InferenceSession Open(string modelPath, SessionOptions options)
    {
        foreach (var kept in Generations(modelPath).Where(Verified).OrderByDescending(File.GetLastWriteTimeUtc))
        {
            try
            {
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL; // done when it was kept
                return new InferenceSession(kept, options);
            }
            catch (OnnxRuntimeException)
            {
                // Its weights deleted by a process that kept a newer generation, or unreadable by this build: try the next.
            }
        }

        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        if (!CanWrite(folder))
        {
            return new InferenceSession(modelPath, options); // a read-only store: optimised in memory, every time
        }

        var graph = $"{Prefix(modelPath)}{Guid.NewGuid():N}.onnx";
        options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR; // not the warning that the file is CPU-specific: its name says so
        options.OptimizedModelFilePath = graph;
        options.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", Path.GetFileName(graph) + WeightsSuffix);
        options.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
        var session = new InferenceSession(modelPath, options);
        Keep(graph, modelPath);
        return session;
    }

    /// <summary>Stamps a new generation (graph and weights) and removes the older ones; a failure leaves it unkept.</summary>
    private static void Keep(string graph, string modelPath)
    {
        try
        {
            foreach (var file in new[] { graph + WeightsSuffix, graph })
            {
                using var stream = File.OpenRead(file);
                VerifiedFile.TryStamp(file, Convert.ToHexStringLower(SHA256.HashData(stream)));
            }

            foreach (var older in Generations(modelPath).Where(g => g != graph))
            {
                Delete(older);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Delete(graph); // the next process optimises again
        }
    }

    private static List<string> Generations(string modelPath)
    {
        var prefix = Prefix(modelPath);
        var folder = Path.GetDirectoryName(prefix)!;
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, Path.GetFileName(prefix) + "*.onnx").ToList()
            : [];
    }

    private static string Prefix(string modelPath) => $"{Path.ChangeExtension(Path.GetFullPath(modelPath), null)}.{Key}.";

    private static bool Verified(string graph) => VerifiedFile.MatchesStamp(graph) && VerifiedFile.MatchesStamp(graph + WeightsSuffix);

    /// <summary>A generation's files; one in use where open files cannot be deleted (Windows) is left for a later generation to remove.</summary>
    private static void Delete(string graph)
    {
        foreach (var file in new[] { graph + VerifiedFile.StampSuffix, graph, graph + WeightsSuffix + VerifiedFile.StampSuffix, graph + WeightsSuffix })
        {
            AtomicFile.TryDelete(file);
        }
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The vector ISA that decides ONNX Runtime's NCHWc block size (16 floats with AVX-512, 8 with AVX).</summary>
    private static string VectorIsa() =>
        Avx512F.IsSupported ? "avx512" : Avx2.IsSupported && Fma.IsSupported ? "avx2" : Avx.IsSupported ? "avx" : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "sse" : "base";
}

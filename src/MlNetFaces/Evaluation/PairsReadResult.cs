namespace MlNetFaces.Evaluation;

/// <summary>The pairs read from a file and the lines that could not be read (with file and line number).</summary>
public sealed record PairsReadResult(IReadOnlyList<ImagePair> Pairs, IReadOnlyList<string> Problems);

namespace MlNetFaces.StyleTransfer;

/// <summary>The cost terms at one evaluation: J_content, J_style, TV (unweighted) and J = α·J_content + β·J_style + w_TV·TV.</summary>
public sealed record StyleLosses(double Content, double Style, double TotalVariation, double Total);

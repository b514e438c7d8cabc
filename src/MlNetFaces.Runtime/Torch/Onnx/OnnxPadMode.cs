namespace MlNetFaces.Torch.Onnx;

/// <summary>How ONNX <c>Pad</c> fills the new border (the operator's <c>mode</c> attribute).</summary>
public enum OnnxPadMode
{
    /// <summary>A constant value (zero unless given).</summary>
    Constant,

    /// <summary>Mirror without repeating the edge, like torch <c>reflect</c>.</summary>
    Reflect,

    /// <summary>Repeat the edge value, like torch <c>replicate</c>.</summary>
    Edge,
}

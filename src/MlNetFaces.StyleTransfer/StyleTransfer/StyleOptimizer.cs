namespace MlNetFaces.StyleTransfer;

/// <summary>The optimiser of the Gatys image optimisation.</summary>
public enum StyleOptimizer
{
    /// <summary>L-BFGS (libtorch's, no line search), one function evaluation per step; learning rate 1.</summary>
    Lbfgs,

    /// <summary>Adam on the pixels (0..255 scale).</summary>
    Adam,
}

namespace MlNetFaces.Training;

/// <summary>The metric-learning loss.</summary>
public enum LossKind
{
    /// <summary><c>max(d_ap − d_an + α, 0)</c> on squared distances (FaceNet).</summary>
    Triplet,

    /// <summary><c>softplus(d_ap − d_an)</c>: the soft-margin triplet loss (Hermans et al. 2017).</summary>
    SoftTriplet,

    /// <summary>Pairs: <c>½·d²</c> for the same person, <c>½·max(m − d, 0)²</c> otherwise (Hadsell et al. 2006).</summary>
    Contrastive,
}

namespace MlNetFaces.Training;

/// <summary>Which triplets of a P×K batch the triplet losses use.</summary>
public enum MiningStrategy
{
    /// <summary>Every valid (anchor, positive, negative); the loss is averaged over the active (non-zero) ones.</summary>
    BatchAll,

    /// <summary>Per anchor, its farthest positive and nearest negative (Hermans et al. 2017).</summary>
    BatchHard,

    /// <summary>
    /// Every anchor–positive pair with a semi-hard negative (FaceNet: <c>d_ap &lt; d_an &lt; d_ap + α</c>, the nearest such);
    /// when none lies beyond d_ap the farthest negative is used (TensorFlow Addons' rule).
    /// </summary>
    SemiHard,
}

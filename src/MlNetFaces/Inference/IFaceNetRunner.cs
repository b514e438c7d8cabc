namespace MlNetFaces.Inference;

/// <summary>One pretrained face net on one engine: planar RGB batches in, flat float outputs out.</summary>
internal interface IFaceNetRunner
{
    /// <summary>
    /// The net's outputs, each flattened, for a batch [count,3,size,size] of values 0..255: the first
    /// count×3×size×size floats of <paramref name="batch"/> (a pooled array may be longer).
    /// </summary>
    float[][] Run(float[] batch, int count, int size);
}

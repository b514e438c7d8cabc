namespace MlNetFaces.Faces;

/// <summary>
/// face-api's landmark post-processing (<c>FaceLandmark68NetBase.postProcess</c>, then the shift by the detection
/// box), FACEAPI_ARCH §4.5, reproduced as written: it assumes the crop was padded by <c>diff/2</c> on each side,
/// although <c>padToSquare</c> put <c>diff - round(diff/2)</c> before.
/// </summary>
public static class LandmarkDecoding
{
    /// <summary>
    /// The 68 landmarks of one face in image pixels, from the net's 136 raw outputs (interleaved x,y).
    /// </summary>
    /// <param name="raw">The 136 outputs of <see cref="FaceLandmark68Net"/> for this face.</param>
    /// <param name="cropWidth">Width of the crop the net saw (the clipped, floored detection box).</param>
    /// <param name="cropHeight">Height of that crop.</param>
    /// <param name="boxX">The unfloored x of the detection box.</param>
    /// <param name="boxY">The unfloored y of the detection box.</param>
    public static PointD[] ToImagePoints(ReadOnlySpan<float> raw, int cropWidth, int cropHeight, double boxX, double boxY)
    {
        if (raw.Length != 2 * FaceLandmark68Net.PointCount)
        {
            throw new ArgumentException($"Expected {2 * FaceLandmark68Net.PointCount} raw outputs, got {raw.Length}.", nameof(raw));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropHeight);

        const float size = FaceLandmark68Net.InputSize;
        var scale = (double)FaceLandmark68Net.InputSize / Math.Max(cropWidth, cropHeight);
        var width = cropWidth * scale;
        var height = cropHeight * scale;
        var padX = width < height ? Math.Abs(width - height) / 2 : 0;
        var padY = height < width ? Math.Abs(width - height) / 2 : 0;

        // tfjs does this step on float32 tensors; the shift to the image is plain JS (double) arithmetic.
        var points = new PointD[FaceLandmark68Net.PointCount];
        for (var i = 0; i < points.Length; i++)
        {
            var relX = ((raw[2 * i] * size) - (float)padX) / (float)width;
            var relY = ((raw[(2 * i) + 1] * size) - (float)padY) / (float)height;
            points[i] = new PointD((relX * cropWidth) + boxX, (relY * cropHeight) + boxY);
        }

        return points;
    }
}

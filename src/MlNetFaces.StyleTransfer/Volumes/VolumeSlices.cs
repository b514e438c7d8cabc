using MlNetFaces.Imaging;

namespace MlNetFaces.Volumes;

/// <summary>Mid-slices of a volume (x fastest) in the three planes, as grey pictures windowed to the given range.</summary>
internal static class VolumeSlices
{
    /// <summary>The axial (z = mid: x across, y up), coronal (y = mid: x across, z up) and sagittal (x = mid: y across, z up) slices.</summary>
    public static IReadOnlyList<RgbImage> MidPlanes(ReadOnlySpan<float> values, int nx, int ny, int nz, float min, float max)
    {
        if (values.Length < (long)nx * ny * nz)
        {
            throw new ArgumentException($"{values.Length} values for {nx}×{ny}×{nz}.", nameof(values));
        }

        var (mx, my, mz) = (nx / 2, ny / 2, nz / 2);
        var axial = new float[nx * ny];
        var coronal = new float[nx * nz];
        var sagittal = new float[ny * nz];
        for (var y = 0; y < ny; y++)
        {
            for (var x = 0; x < nx; x++)
            {
                axial[((ny - 1 - y) * nx) + x] = values[(((mz * ny) + y) * nx) + x];
            }
        }

        for (var z = 0; z < nz; z++)
        {
            for (var x = 0; x < nx; x++)
            {
                coronal[((nz - 1 - z) * nx) + x] = values[(((z * ny) + my) * nx) + x];
            }

            for (var y = 0; y < ny; y++)
            {
                sagittal[((nz - 1 - z) * ny) + y] = values[(((z * ny) + y) * nx) + mx];
            }
        }

        return
        [
            ScalarImage.FromValues(axial, nx, ny, min, max),
            ScalarImage.FromValues(coronal, nx, nz, min, max),
            ScalarImage.FromValues(sagittal, ny, nz, min, max),
        ];
    }
}

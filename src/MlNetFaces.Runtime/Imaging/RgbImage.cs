using static TorchSharp.torch;

namespace MlNetFaces.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved (HWC), upright (EXIF already applied).</summary>
public sealed class RgbImage
{
    /// <summary>Wraps an RGB buffer (not copied) as an image.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">HWC RGB bytes, exactly <paramref name="width"/>·<paramref name="height"/>·3 of them.</param>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for a {width}×{height} RGB image, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>HWC RGB bytes; length Width·Height·3.</summary>
#pragma warning disable CA1819 // a pixel buffer is an array by nature
    public byte[] Pixels { get; }
#pragma warning restore CA1819

    /// <summary>The image as a float tensor [1,3,H,W] with values 0..255.</summary>
    public Tensor ToTensor(Device? device = null)
    {
        using var hwc = SharedHwc();
        using var chw = hwc.permute(2, 0, 1).unsqueeze(0);
        return chw.to(float32, device ?? CPU).contiguous();
    }

    /// <summary>
    /// The bytes as a uint8 tensor [1,3,H,W]: a strided view of <see cref="Pixels"/> itself, no copy (the array stays
    /// pinned while the tensor lives). Treat it as read-only.
    /// </summary>
    public Tensor ToByteTensor()
    {
        using var hwc = SharedHwc();
        return hwc.permute(2, 0, 1).unsqueeze(0);
    }

    // torch.tensor(array) clones the array (a second copy of a large photo); frombuffer shares it.
    private Tensor SharedHwc()
    {
        using var flat = frombuffer(Pixels, ScalarType.Byte);
        return flat.view(Height, Width, 3);
    }

    /// <summary>A copy of the region [x, x+w) × [y, y+h), which must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop ({x},{y},{width},{height}) is outside the {Width}×{Height} image.");
        }

        var result = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Buffer.BlockCopy(Pixels, (((y + row) * Width) + x) * 3, result, row * width * 3, width * 3);
        }

        return new RgbImage(width, height, result);
    }

    /// <summary>A copy inside a black border of <paramref name="margin"/> pixels on every side.</summary>
    public RgbImage WithMargin(int margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var width = Width + (2 * margin);
        var result = new byte[width * (Height + (2 * margin)) * 3];
        for (var row = 0; row < Height; row++)
        {
            Buffer.BlockCopy(Pixels, row * Width * 3, result, (((row + margin) * width) + margin) * 3, Width * 3);
        }

        return new RgbImage(width, Height + (2 * margin), result);
    }
}

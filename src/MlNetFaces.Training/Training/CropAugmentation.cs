using TorchSharp;
using static TorchSharp.torch;

namespace MlNetFaces.Training;

/// <summary>
/// Training-time augmentation of a batch of crops [B,3,H,W] (0..255), drawn from a seeded generator: horizontal flip
/// (p = ½), crop jitter (a random shift of up to <see cref="MaxShift"/> pixels, borders replicated) and colour jitter
/// (brightness and contrast factors in [1 − c, 1 + c]).
/// </summary>
internal sealed class CropAugmentation
{
    public int MaxShift { get; init; } = 8;

    public double ColorJitter { get; init; } = 0.2;

    public Tensor Apply(Tensor batch, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var n = batch.shape[0];
        var h = batch.shape[2];
        var w = batch.shape[3];
        var flip = rand([n], generator: generator).lt(0.5).view(n, 1, 1, 1);
        var x = where(flip, batch.flip(3), batch);
        if (MaxShift > 0)
        {
            var padded = nn.functional.pad(x, [MaxShift, MaxShift, MaxShift, MaxShift], PaddingModes.Replicate);
            var shifts = randint(0, (2 * MaxShift) + 1, [n, 2], generator: generator).data<long>().ToArray();
            x = cat(Enumerable.Range(0, (int)n).Select(i =>
                padded[i..(i + 1)].narrow(2, shifts[2 * i], h).narrow(3, shifts[(2 * i) + 1], w)).ToList(), 0);
        }

        if (ColorJitter > 0)
        {
            var brightness = 1 + (((rand([n, 1, 1, 1], generator: generator) * 2) - 1) * ColorJitter);
            var contrast = 1 + (((rand([n, 1, 1, 1], generator: generator) * 2) - 1) * ColorJitter);
            var mean = x.mean([1, 2, 3], keepdim: true);
            x = (((x - mean) * contrast) + mean) * brightness;
        }

        return x.clamp(0, 255).MoveToOuterDisposeScope();
    }
}

namespace MlNetFaces.StyleTransfer;

/// <summary>The input normalisation a VGG-19 weights file expects.</summary>
public enum VggInput
{
    /// <summary>torchvision: RGB / 255, minus mean (0.485, 0.456, 0.406), divided by std (0.229, 0.224, 0.225).</summary>
    Torchvision,

    /// <summary>Caffe (the original VGG and Gatys et al.): BGR 0..255 minus (103.939, 116.779, 123.68).</summary>
    Caffe,
}

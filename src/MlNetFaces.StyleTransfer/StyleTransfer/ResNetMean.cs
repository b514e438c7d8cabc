namespace MlNetFaces.StyleTransfer;

/// <summary>What <see cref="ResNet18Backbone.Preprocess"/> subtracts from the BGR 0..255 input.</summary>
public enum ResNetMean
{
    /// <summary>One mean per channel (the averages of the mean image): any input size, no spatial pattern.</summary>
    PerChannel,

    /// <summary>The per-pixel ImageNet mean image, as ML.NET's <c>ResNetPreprocess.onnx</c> does (resized when not 224×224).</summary>
    Image,
}

using MlNetFaces.Faces;
using SkiaSharp;

namespace MlNetFaces.Imaging;

/// <summary>Draws face boxes, scores, labels and 68-point landmarks onto a copy of an image.</summary>
public static class FaceAnnotator
{
    /// <summary>Writes the image with each face's box, landmarks and label (default: index and score) to a PNG/JPEG file.</summary>
    public static void Save(RgbImage image, IReadOnlyList<Face> faces, string path, Func<int, Face, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        label ??= (i, f) => $"#{i} {f.Score:0.00}";
        using var bitmap = ImageEncoder.ToBitmap(image);
        using var canvas = new SKCanvas(bitmap);
        var stroke = Math.Max(2f, Math.Max(image.Width, image.Height) / 400f);
        using var boxPaint = new SKPaint { Color = new SKColor(0, 200, 255), Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
        using var pointPaint = new SKPaint { Color = new SKColor(255, 220, 0), Style = SKPaintStyle.Fill, IsAntialias = true };
        using var textPaint = new SKPaint { Color = SKColors.White, TextSize = stroke * 8, IsAntialias = true, Typeface = SKTypeface.Default };
        using var textBack = new SKPaint { Color = new SKColor(0, 0, 0, 170), Style = SKPaintStyle.Fill };
        for (var i = 0; i < faces.Count; i++)
        {
            var face = faces[i];
            var b = face.Box;
            canvas.DrawRect((float)b.X, (float)b.Y, (float)b.Width, (float)b.Height, boxPaint);
            foreach (var p in face.Landmarks)
            {
                canvas.DrawCircle((float)p.X, (float)p.Y, stroke, pointPaint);
            }

            var text = label(i, face);
            var width = textPaint.MeasureText(text);
            var top = (float)Math.Max(0, b.Y - textPaint.TextSize - stroke);
            canvas.DrawRect((float)b.X, top, width + (2 * stroke), textPaint.TextSize + stroke, textBack);
            canvas.DrawText(text, (float)b.X + stroke, top + textPaint.TextSize - (stroke / 2), textPaint);
        }

        ImageEncoder.Save(bitmap, path);
    }
}

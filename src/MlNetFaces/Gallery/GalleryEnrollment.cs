using MlNetFaces.Faces;
using MlNetFaces.Imaging;
using MlNetFaces.Models;
using MlNetFaces.Embedding;

namespace MlNetFaces.Gallery;

/// <summary>Enrolment from images: detect, pick the face (one per image), embed, store.</summary>
public static class GalleryEnrollment
{
    /// <summary>The embedding model id of <see cref="FacePipeline"/> descriptors at the default options (<see cref="FacePipelineOptions.EmbeddingModelId"/>).</summary>
    public const string PipelineModelId = DlibModelsPackage.RecognitionModelId;

    /// <summary>
    /// Opens (or creates) a gallery for the embeddings of a model (default: the face pipeline's at its default options);
    /// a gallery of another model is refused with the settings that read it (<see cref="RequireModel"/>).
    /// </summary>
    public static FaceGallery OpenGallery(string path, bool create = false, string modelId = PipelineModelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (create && !File.Exists(path))
        {
            return FaceGallery.Open(path, modelId, FaceRecognitionNet.DescriptorSize, create: true);
        }

        var gallery = FaceGallery.Open(path, embeddingModelId: null);
        try
        {
            RequireModel(gallery.ModelId, path, modelId);
            return gallery;
        }
        catch
        {
            gallery.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The face to enrol from one image: exactly one face, or the largest with <see cref="FaceSelection.Largest"/>.
    /// No face, or several faces without a choice, is a <see cref="GalleryException"/> naming the image.
    /// </summary>
    public static Face SelectFace(string source, IReadOnlyList<Face> faces, FaceSelection selection)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return faces.Count switch
        {
            0 => throw new GalleryException(GalleryErrorKind.NoFace, $"{source}: no face found; enrol from a photo where the face is visible."),
            1 => faces[0],
            _ when selection == FaceSelection.Largest => faces.MaxBy(f => f.Box.Area)!,
            _ => throw new GalleryException(
                GalleryErrorKind.SeveralFaces,
                $"{source}: {faces.Count} faces found; enrol from a photo of that person alone, or pass --largest to take the largest face."),
        };
    }

    /// <summary>
    /// The face to enrol from each image, chosen by <paramref name="selection"/>; the first image without an acceptable
    /// face is a <see cref="GalleryException"/> naming it.
    /// </summary>
    public static IReadOnlyList<Face> ChooseFaces(FacePipeline pipeline, IReadOnlyList<(string Source, RgbImage Image)> images, FaceSelection selection = FaceSelection.Central)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(images);
        if (selection != FaceSelection.Central)
        {
            var faces = pipeline.Analyze(images.Select(i => i.Image).ToList());
            return images.Select((image, i) => SelectFace(image.Source, faces[i], selection)).ToList();
        }

        var central = new CentralFaceFinder(pipeline).Find(images.Select(i => i.Image).ToList());
        return images.Select((image, i) => central[i]
            ?? throw new GalleryException(GalleryErrorKind.NoFace, $"{image.Source}: no face found; enrol from a photo where the face is visible.")).ToList();
    }

    /// <summary>
    /// Enrols <paramref name="name"/> from images (one face each, see <see cref="ChooseFaces"/>): the faces are chosen
    /// and embedded first, so a bad image fails before anything is written; then one transaction stores the templates.
    /// Returns the stored identity and the face taken from each image, in the images' order.
    /// </summary>
    public static EnrolledIdentity EnrollImages(
        FaceGallery gallery,
        FacePipeline pipeline,
        string name,
        IReadOnlyList<(string Source, RgbImage Image)> images,
        FaceSelection selection = FaceSelection.Central,
        EnrollMode mode = EnrollMode.New,
        bool average = false)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(images);
        RequireModel(gallery.ModelId, gallery.Path, ModelIdOf(pipeline));
        var faces = ChooseFaces(pipeline, images, selection);
        var templates = images.Select((image, i) => new GalleryTemplateInput(faces[i].Descriptor, image.Source)).ToList();
        return new EnrolledIdentity(gallery.Enroll(name, templates, mode, average), faces);
    }

    /// <summary>
    /// Enrols every face of one analysed photo as its own person, named by <paramref name="nameOf"/>(face index), in one
    /// transaction (e.g. the demo: enrol the people of one group photo, then identify them in the others).
    /// Templates are tagged "<paramref name="source"/>#index".
    /// </summary>
    public static IReadOnlyList<GalleryIdentity> EnrollFaces(FaceGallery gallery, string source, IReadOnlyList<Face> faces, Func<int, string> nameOf, EnrollMode mode = EnrollMode.New)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(nameOf);
        RequireModel(gallery.ModelId, gallery.Path);
        if (faces.Count == 0)
        {
            throw new GalleryException(GalleryErrorKind.NoFace, $"{source}: no face found; nobody to enrol.");
        }

        var names = faces.Select((_, i) => nameOf(i).Trim()).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new GalleryException(GalleryErrorKind.DuplicateName, $"{source}: two faces were given the same name.");
        }

        gallery.Import(faces.Select((f, i) => (names[i], new GalleryTemplateInput(f.Descriptor, $"{source}#{i}"))), mode);
        return names.Select(n => gallery.Find(n)!).ToList();
    }

    /// <summary>
    /// Refuses a gallery or snapshot built with another embedding model than the pipeline's (by default dlib's float32
    /// weights with dlib's chip, <see cref="PipelineModelId"/>).
    /// </summary>
    public static void RequireModel(string modelId, string what, string expected = PipelineModelId)
    {
        if (modelId != expected)
        {
            throw new GalleryException(
                GalleryErrorKind.ModelMismatch,
                $"{what}: this gallery holds embeddings of model '{modelId}', but the face pipeline computes '{expected}'; "
                + "embeddings of different models are not comparable: re-enrol into a new gallery with the current model, "
                + "or use the gallery with the settings it was built with" + HowToGet(modelId) + ".");
        }
    }

    /// <summary>The embedding model id of a pipeline's descriptors (<see cref="FacePipelineOptions.EmbeddingModelId"/>).</summary>
    public static string ModelIdOf(FacePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Options.EmbeddingModelId;
    }

    private static string HowToGet(string modelId) => modelId switch
    {
        FaceApiPackage.RecognitionModelId => " (face-api's 8-bit weights, the default before dlib's float32 weights: --weights faceapi, RecognitionWeights.FaceApi8Bit)",
        FaceApiPackage.RecognitionModelId + FacePipelineOptions.FaceApiCropSuffix => " (face-api.js compatibility: --compat faceapi, FaceCompatibility.FaceApiJs)",
        _ => string.Empty,
    };
}

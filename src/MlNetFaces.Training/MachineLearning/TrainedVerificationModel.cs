using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Evaluation;

namespace MlNetFaces.MachineLearning;

/// <summary>The verification pipeline of <see cref="VerificationModel"/> on a trained embedding net (MlNetFaces.Training).</summary>
public static class TrainedVerificationModel
{
    /// <summary>
    /// As <see cref="VerificationModel.Train(IReadOnlyList{ScoredPair}, DetectorKind, bool, double, int)"/> with a trained embedding net in place
    /// of the pretrained embedder (its ONNX model travels inside the zip). The net's embeddings must have 128 dimensions.
    /// </summary>
    /// <param name="pairs">Scored pairs that train the classifier.</param>
    /// <param name="embedding">The trained embedding model whose steps embed both images.</param>
    /// <param name="threshold">The protocol's distance threshold, recorded beside the model.</param>
    /// <param name="seed">Seeds the ML.NET context.</param>
    public static VerificationModel Train(IReadOnlyList<ScoredPair> pairs, TrainedEmbeddingModel embedding, double threshold, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(embedding);
        var context = new MLContext(seed);
        MlNetFacesCatalog.Register(context);
        var data = context.Data.LoadFromEnumerable(new List<VerificationModel.PairPathsRow>());
        var steps = new List<ITransformer>();
        foreach (var (input, output) in new[] { (VerificationModel.FirstImageColumn, "Embedding1"), (VerificationModel.SecondImageColumn, "Embedding2") })
        {
            data = Add(context.Transforms.CopyColumns(TrainedEmbeddingModel.InputColumn, input));
            data = Add(embedding.Model);
            var o = TrainedEmbeddingModel.OutputColumn;
            data = Add(context.Transforms.CopyColumns(output, o)
                .Append(context.Transforms.CopyColumns(output + "HasFace", o + "HasFace"))
                .Append(context.Transforms.DropColumns(o, o + "HasFace", TrainedEmbeddingModel.InputColumn)));
        }

        Add(context.Transforms.FacePairDistances(VerificationClassifier.FeaturesColumn, "Embedding1", "Embedding2"));
        var featurizer = new TransformerChain<ITransformer>(steps.ToArray());
        var features = context.Data.LoadFromEnumerable(pairs.Select(p => new VerificationClassifier.PairFeaturesRow { Features = p.Features, Label = p.Pair.Same }));
        var classifier = VerificationClassifier.Estimator(context).Fit(features);
        var name = "trained:" + FaceCropMappingFactory.ContractName(embedding.Info.CropMode);
        return new VerificationModel(context, featurizer.Append(classifier), new VerificationModelInfo(name, threshold));

        IDataView Add(object step)
        {
            var fitted = step as ITransformer ?? ((IEstimator<ITransformer>)step).Fit(data);
            steps.Add(fitted);
            return fitted.Transform(data);
        }
    }
}

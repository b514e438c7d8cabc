using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetFaces.Training;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// What <see cref="FaceEmbeddingTrainer.Fit(IDataView)"/> returns: the transformer that embeds images with the trained
/// net (image path → face crop → the net as ONNX → <c>{Output}</c> and <c>{Output}HasFace</c>), and what the training
/// produced: <see cref="Result"/> (the net, losses, steps, time, warnings, validation) and <see cref="Problems"/>.
/// It saves with <c>mlContext.Model.Save</c> as the ML.NET steps it runs (the trained weights inside, as ONNX); a
/// reloaded zip (after <see cref="MlNetFacesCatalog.Register"/>) embeds identically but is a plain
/// <see cref="ITransformer"/>, without the training record.
/// </summary>
public sealed class FaceEmbeddingTransformer : ITransformer
{
    private readonly ITransformer steps;

    internal FaceEmbeddingTransformer(ITransformer steps, TrainingResult result, IReadOnlyList<string> problems)
    {
        this.steps = steps;
        Result = result;
        Problems = problems;
    }

    /// <summary>The training run: the trained net (in eval mode), epochs, steps, time, epoch losses, warnings and validation scores.</summary>
    public TrainingResult Result { get; }

    /// <summary>What the training skipped: unreadable files, images without a face, identities with too few images.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Whether the steps map row by row (they do).</summary>
    public bool IsRowToRowMapper => steps.IsRowToRowMapper;

    /// <summary>The schema of the output: the input with the embedding and <c>{Output}HasFace</c> columns added.</summary>
    /// <param name="inputSchema">The schema of the input data.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => steps.GetOutputSchema(inputSchema);

    /// <summary>The row-to-row mapper of the steps (for prediction engines).</summary>
    /// <param name="inputSchema">The schema of the input data.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => steps.GetRowToRowMapper(inputSchema);

    /// <summary>Adds the embedding columns to <paramref name="input"/> (lazily, as ML.NET transforms do).</summary>
    /// <param name="input">Data with the image path column.</param>
    public IDataView Transform(IDataView input) => steps.Transform(input);

    /// <summary>Saves the ML.NET steps (the trained weights inside); the training record is not saved.</summary>
    /// <param name="ctx">The save context of <c>mlContext.Model.Save</c>.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => steps.Save(ctx);
}

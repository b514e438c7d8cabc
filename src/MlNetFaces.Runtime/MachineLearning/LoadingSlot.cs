using Microsoft.ML;

namespace MlNetFaces.MachineLearning;

/// <summary>
/// Hands a value to a <c>CustomMappingFactory</c> while <c>mlContext.Model.Load</c> re-creates its transform on this
/// thread: ML.NET constructs factories itself and passes them nothing, so a model wrapper that read state from its zip
/// (a gallery snapshot, style images) puts it here for the duration of the load. One value per type and thread.
/// </summary>
internal static class LoadingSlot
{
    [ThreadStatic]
    private static Dictionary<Type, object>? values;

    /// <summary>The value of type <typeparamref name="T"/> of the load running on this thread, or null outside <see cref="LoadModel"/>.</summary>
    public static T? Current<T>()
        where T : class =>
        values is not null && values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>
    /// <c>mlContext.Model.Load(path, out inputSchema)</c> with <paramref name="value"/> in the slot of its type, emptied
    /// afterwards.
    /// </summary>
    public static ITransformer LoadModel<T>(MLContext mlContext, string path, T value, out DataViewSchema inputSchema)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(value);
        var slots = values ??= [];
        slots[typeof(T)] = value;
        try
        {
            return mlContext.Model.Load(path, out inputSchema);
        }
        finally
        {
            slots.Remove(typeof(T));
        }
    }
}

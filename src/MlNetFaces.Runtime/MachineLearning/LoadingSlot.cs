namespace MlNetFaces.MachineLearning;

/// <summary>
/// Hands a value to a <c>CustomMappingFactory</c> while <c>mlContext.Model.Load</c> re-creates its transform on this
/// thread: ML.NET constructs factories itself and passes them nothing, so a model wrapper that read state from its zip
/// (a gallery snapshot, style images) puts it here for the duration of the load. One value per type and thread.
/// </summary>
public static class LoadingSlot
{
    [ThreadStatic]
    private static Dictionary<Type, object>? values;

    /// <summary>The value of type <typeparamref name="T"/> of the load running on this thread, or null outside <see cref="With"/>.</summary>
    public static T? Current<T>()
        where T : class =>
        values is not null && values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>Runs <paramref name="load"/> with <paramref name="value"/> in the slot of its type, and empties it afterwards.</summary>
    public static TResult With<T, TResult>(T value, Func<TResult> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(load);
        var slots = values ??= [];
        slots[typeof(T)] = value;
        try
        {
            return load();
        }
        finally
        {
            slots.Remove(typeof(T));
        }
    }
}

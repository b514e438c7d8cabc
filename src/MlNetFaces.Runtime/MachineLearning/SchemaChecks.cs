using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetFaces.MachineLearning;

/// <summary>Input-schema checks with messages that name the column and what was expected.</summary>
internal static class SchemaChecks
{
    public static void RequireScalarText(SchemaShape schema, string column, string what = "image file paths")
    {
        var col = Find(schema, column);
        if (col.Kind != SchemaShape.Column.VectorKind.Scalar || col.ItemType is not TextDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' must hold {what} (scalar text), but it is {col.Kind} of {col.ItemType}.");
        }
    }

    public static void RequireFloatVector(SchemaShape schema, string column)
    {
        var col = Find(schema, column);
        if (col.Kind != SchemaShape.Column.VectorKind.Vector || col.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' must be a vector of floats (an embedding), but it is {col.Kind} of {col.ItemType}.");
        }
    }

    public static void RequireScalarText(DataViewSchema schema, string column, string what = "image file paths")
    {
        if (Find(schema, column).Type is not TextDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' must hold {what} (scalar text), but it is {Find(schema, column).Type}.");
        }
    }

    public static void RequireFloatVector(DataViewSchema schema, string column)
    {
        if (Find(schema, column).Type is not VectorDataViewType { ItemType: NumberDataViewType n } || n != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' must be a vector of floats (an embedding), but it is {Find(schema, column).Type}.");
        }
    }

    private static SchemaShape.Column Find(SchemaShape schema, string column)
    {
        var found = schema.FirstOrDefault(c => c.Name == column);
        return found.Name is not null
            ? found
            : throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' not found in the input schema (columns: {string.Join(", ", schema.Select(c => c.Name))}).");
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string column) =>
        schema.GetColumnOrNull(column)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column}' not found in the input data (columns: {string.Join(", ", schema.Select(c => c.Name))}).");
}

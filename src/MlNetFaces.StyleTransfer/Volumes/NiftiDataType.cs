namespace MlNetFaces.Volumes;

/// <summary>The NIfTI-1 <c>datatype</c> codes this reader supports.</summary>
#pragma warning disable CA1720 // the names are NIfTI's
public enum NiftiDataType : short
{
    /// <summary>Unsigned 8-bit integers (DT_UINT8).</summary>
    UInt8 = 2,
    /// <summary>Signed 16-bit integers (DT_INT16).</summary>
    Int16 = 4,
    /// <summary>Signed 32-bit integers (DT_INT32).</summary>
    Int32 = 8,
    /// <summary>32-bit IEEE floats (DT_FLOAT32).</summary>
    Float32 = 16,
    /// <summary>64-bit IEEE floats (DT_FLOAT64).</summary>
    Float64 = 64,
    /// <summary>Signed 8-bit integers (DT_INT8).</summary>
    Int8 = 256,
    /// <summary>Unsigned 16-bit integers (DT_UINT16).</summary>
    UInt16 = 512,
}
#pragma warning restore CA1720

namespace MlNetFaces.Volumes;

/// <summary>The NIfTI-1 <c>datatype</c> codes this reader supports.</summary>
#pragma warning disable CA1720 // the names are NIfTI's
public enum NiftiDataType : short
{
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,
    Float64 = 64,
    Int8 = 256,
    UInt16 = 512,
}
#pragma warning restore CA1720

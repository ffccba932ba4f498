namespace PairTuner.Training.ModelIO.SafeTensors;

/// <summary>
/// The element types PairTuner reads and writes in a safetensors file, spelled in the header exactly
/// as the format's reference implementation spells them (<c>"F32"</c>, <c>"BF16"</c>, ...).
/// </summary>
public enum SafeTensorsDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
}

using System.Globalization;

namespace PairTuner.Core.Validation;

/// <summary>Why one record of a pairs file was rejected: where it is and which field is wrong.</summary>
/// <param name="File">The pairs file's name as given.</param>
/// <param name="Line">1-based line where the record starts (0 when the problem is the whole file).</param>
/// <param name="Field">The field at fault (<c>text1</c>, <c>text2</c>, <c>score</c>, <c>negative</c>, <c>group</c>), or null for the whole record.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record RowError(string File, long Line, string? Field, string Reason)
{
    public override string ToString()
    {
        var where = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}") : File;
        return Field is null ? $"{where}: {Reason}" : $"{where}: {Field}: {Reason}";
    }
}

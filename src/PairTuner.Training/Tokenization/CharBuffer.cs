using System.Text;

namespace PairTuner.Training.Tokenization;

/// <summary>A growable char buffer reused across texts, so the hot path does not allocate per sentence.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[Length++] = c;
    }

    public void Append(Rune rune)
    {
        if (rune.IsBmp)
        {
            Append((char)rune.Value);
            return;
        }

        if (Length + 2 > _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        Length += rune.EncodeToUtf16(_chars.AsSpan(Length));
    }

    public override string ToString() => new(Span);
}

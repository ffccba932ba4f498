using System.Globalization;
using CsvHelper;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>Which column of a CSV/TSV file holds which field, from its header or its first record.</summary>
internal sealed class ColumnMap
{
    private ColumnMap(bool isHeader, int text1, int text2, int score, int label, int negative, int group, string[] names)
    {
        IsHeader = isHeader;
        Text1 = text1;
        Text2 = text2;
        Score = score;
        Label = label;
        Negative = negative;
        Group = group;
        Names = names;
    }

    public bool IsHeader { get; }

    private int Text1 { get; }

    private int Text2 { get; }

    private int Score { get; }

    private int Label { get; }

    private int Negative { get; }

    private int Group { get; }

    private string[] Names { get; }

    public static ColumnMap FromFirstRecord(IParser parser, string file, long line)
    {
        var cells = new string[parser.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = parser[i];
        }

        var roles = cells.Select(PairFieldNames.Classify).ToArray();
        if (roles.Any(r => r is not null))
        {
            int Find(PairField field) => Array.FindIndex(roles, r => r == field);
            var text1 = Find(PairField.Text1);
            var text2 = Find(PairField.Text2);
            if (text1 < 0 || text2 < 0)
            {
                throw new PairsFileException(new RowError(
                    file,
                    line,
                    text1 < 0 ? "text1" : "text2",
                    $"the header has no {(text1 < 0 ? "text1 (or anchor, sentence1, query)" : "text2 (or positive, sentence2, passage)")} column; it has: {string.Join(", ", cells)}"));
            }

            var names = cells.Select(c => c.Trim()).ToArray();
            return new ColumnMap(true, text1, text2, Find(PairField.Score), Find(PairField.Label), Find(PairField.Negative), Find(PairField.Group), names);
        }

        // No header: text1, text2, then a score or a hard negative, told apart by the first record.
        var thirdIsScore = cells.Length < 3 || cells[2].Length == 0 || TryParseScore(cells[2], out _);
        var score = cells.Length >= 3 ? (thirdIsScore ? 2 : 3) : -1;
        var negative = cells.Length >= 3 ? (thirdIsScore ? 3 : 2) : -1;
        return new ColumnMap(false, 0, 1, score, -1, negative, -1, ["text1", "text2", thirdIsScore ? "score" : "negative", thirdIsScore ? "negative" : "score"]);
    }

    public PairRow Read(IParser parser, string file, long line)
    {
        var count = parser.Count;
        string? Cell(int column) => column >= 0 && column < count ? parser[column] : null;
        PairRow Fail(int column, string reason) => PairRow.Failed(new RowError(file, line, Name(column), reason));

        var text1 = Cell(Text1);
        var text2 = Cell(Text2);
        if (text1 is null || text2 is null)
        {
            var missing = text1 is null ? Text1 : Text2;
            return Fail(missing, string.Create(CultureInfo.InvariantCulture, $"missing column {missing + 1}: the record has {count} column(s)"));
        }

        foreach (var column in new[] { Text1, Text2, Negative, Group })
        {
            if (Cell(column) is { } value && DelimitedPairsReader.HasInvalidBytes(value))
            {
                return Fail(column, "invalid UTF-8: the file must be UTF-8 encoded");
            }
        }

        double? score = null;
        if (Cell(Score) is { Length: > 0 } scoreText)
        {
            if (!TryParseScore(scoreText, out var parsed))
            {
                return Fail(Score, $"'{scoreText}' is not a number");
            }

            score = parsed;
        }

        var textLabel = false;
        if (Cell(Label) is { Length: > 0 } labelText)
        {
            if (!TryParseScore(labelText, out var parsed))
            {
                textLabel = true;
            }
            else
            {
                score ??= parsed;
            }
        }

        return new PairRow
        {
            Line = line,
            Text1 = text1,
            Text2 = text2,
            Score = score,
            Negative = Cell(Negative) is { Length: > 0 } negative ? negative : null,
            Group = Cell(Group) is { Length: > 0 } group ? group.Trim() : null,
            HasTextLabel = textLabel,
        };
    }

    private static bool TryParseScore(string text, out double value)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private string Name(int column) => IsHeader
        ? (column >= 0 && column < Names.Length ? Names[column] : $"column {column + 1}")
        : column switch
        {
            _ when column == Text1 => "text1",
            _ when column == Text2 => "text2",
            _ when column == Score => "score",
            _ when column == Negative => "negative",
            _ => $"column {column + 1}",
        };
}

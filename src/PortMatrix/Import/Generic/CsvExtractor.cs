using CsvHelper;

namespace PortMatrix.Import.Generic;

/// <summary>
/// CSV and TSV files (CsvHelper): the delimiter (comma, semicolon, tab or pipe) is the one that splits
/// the first lines most consistently; quoted cells may hold delimiters and line breaks. The whole file is
/// one table; finding the header row below any title lines is the interpreter's work.
/// </summary>
internal sealed class CsvExtractor : ITextExtractor
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public string Format => "csv";

    public bool CanExtract(string path, ReadOnlySpan<byte> head) =>
        TextExtraction.Extension(path) is ".csv" or ".tsv" or ".tab";

    public ExtractedDocument Extract(string path, Stream content) => Extract(path, TextExtraction.ReadText(path, content));

    public ExtractedDocument Extract(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var delimiter = TextExtraction.Extension(path) is ".tsv" or ".tab" ? '\t' : DetectDelimiter(text, out _);
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = 4 * 1024 * 1024,
            DetectSeparatorHint = false,
            PoolStrings = true,
        };

        var rows = new List<TableRow>();
        var truncated = false;
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                var line = (int)Math.Min(int.MaxValue, reader.LineNumber);
                var count = reader.FieldCount;
                var cells = new TableCell[count];
                var blank = true;
                for (var i = 0; i < count; i++)
                {
                    var cell = reader.GetString(i) ?? "";
                    if (cell.Length > ExtractionLimits.MaxCellLength)
                    {
                        cell = cell[..ExtractionLimits.MaxCellLength];
                    }

                    blank &= string.IsNullOrWhiteSpace(cell);
                    cells[i] = new TableCell(cell, line, i + 1);
                }

                if (blank)
                {
                    continue;
                }

                if (rows.Count >= ExtractionLimits.MaxRows)
                {
                    truncated = true;
                    break;
                }

                rows.Add(new TableRow(cells, line));
            }
        }
        catch (CsvFormatException e)
        {
            throw new PortMatrixException($"'{path}' is not readable as CSV: {e.Message.Split('\n')[0]}", path, "Check the file's quoting.", e);
        }

        var format = delimiter == '\t' ? "tsv" : "csv";
        var origin = format + (truncated ? ExtractionLimits.TruncatedSuffix : "");
        return new ExtractedDocument(path, "csv", rows.Count == 0 ? [] : [new TextTable(rows, null, origin)], []);
    }

    /// <summary>
    /// The delimiter that gives the same number of cells (at least two) on most of the first 20 lines,
    /// counting outside quotes; <paramref name="consistency"/> is the share of lines that agree.
    /// </summary>
    public static char DetectDelimiter(string text, out double consistency)
    {
        var lines = new List<string>(20);
        var start = 0;
        while (lines.Count < 20 && start < text.Length && start < 256 * 1024)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text[start..end].TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                lines.Add(line);
            }

            start = end + 1;
        }

        var best = ',';
        var bestScore = -1.0;
        consistency = 0;
        foreach (var d in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, d)).ToList();
            var mode = counts.Where(c => c > 0).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
            if (mode is null)
            {
                continue;
            }

            var agreeing = counts.Count(c => c == mode.Key);
            var share = (double)agreeing / lines.Count;
            var score = share * 10 + Math.Min(mode.Key, 10) * 0.1;
            if (score > bestScore)
            {
                bestScore = score;
                best = d;
                consistency = share;
            }
        }

        return best;
    }

    private static int CountOutsideQuotes(string line, char d)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == d && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Extracts every sheet of an XLSX workbook with ClosedXML. A sheet is split into tables at fully empty
/// rows; a merged range's value is repeated into every cell it covers so rows stay rectangular; a block
/// whose rows hold one value each is read as lines of text. <see cref="TableRow.Line"/> is the sheet row
/// and <see cref="TableCell.Column"/> the sheet column, so a user finds the cell as Excel numbers it.
/// </summary>
internal sealed class XlsxExtractor : IDocumentExtractor
{
    /// <summary>Workbook files above this size are refused.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// ClosedXML holds the whole workbook in memory, about five times the size of its XML, so workbooks
    /// whose parts unpack to more than this are refused before loading.
    /// </summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>Rows read per sheet, counted from the sheet's first used row; the rest is left with a note.</summary>
    public const int MaxRows = 200_000;

    /// <summary>Columns read per sheet; port tables are narrow, and a stray value in column XFD must not widen every row.</summary>
    public const int MaxColumns = 256;

    /// <summary>Cells materialised over the whole workbook (empty ones included); the rest is left with a note.</summary>
    public const int MaxCells = 2_000_000;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFileMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly int _maxRows;

    public XlsxExtractor()
        : this(MaxRows)
    {
    }

    /// <summary>An extractor with a smaller row cap, for tests of the cap.</summary>
    internal XlsxExtractor(int maxRows) => _maxRows = maxRows;

    public string Format => "xlsx";

    /// <summary>
    /// Takes every ZIP archive, whatever its name (a workbook saved as <c>.csv</c> must not be read as text),
    /// and every file named <c>.xlsx</c>/<c>.xlsm</c>, or <c>.xls</c> holding an OLE compound file, so
    /// that what cannot be read gets a clear message here instead of a "not text" one.
    /// </summary>
    public bool CanExtract(string path, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(path);
        return head.StartsWith(ZipMagic)
            || ExtractorInput.HasExtension(path, ".xlsx", ".xlsm")
            || (head.StartsWith(CompoundFileMagic) && ExtractorInput.HasExtension(path, ".xls"));
    }

    public ExtractedDocument Extract(string path, Stream content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ExtractorInput.ReadBounded(content, path, MaxBytes, "a spreadsheet");
        CheckPackage(path, bytes);
        try
        {
            using var workbook = new XLWorkbook(new MemoryStream(bytes, writable: false), XLEventTracking.Disabled);
            var reader = new SheetReader(_maxRows);
            foreach (var sheet in workbook.Worksheets)
            {
                reader.Read(sheet);
            }

            return new ExtractedDocument(path, Format, reader.Tables, reader.Lines);
        }
        catch (Exception ex) when (ex is not (PortMatrixException or OutOfMemoryException))
        {
            throw Unreadable(path, ex.Message, ex);
        }
    }

    private static PortMatrixException Unreadable(string path, string why, Exception? inner = null) =>
        new($"'{path}' is not a readable spreadsheet: {why}", path,
            "Open it in a spreadsheet program and save it again as .xlsx, or export the port table as CSV.", inner);

    /// <summary>Checks the container before ClosedXML loads it: a ZIP, with workbook parts, of bounded unpacked size.</summary>
    private static void CheckPackage(string path, byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(CompoundFileMagic))
        {
            throw Unreadable(path, "it is password-protected (encrypted) or an old binary .xls workbook.");
        }

        if (!bytes.AsSpan().StartsWith(ZipMagic))
        {
            throw Unreadable(path, "it is not an XLSX file (an XLSX file is a ZIP archive).");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var unpacked = 0L;
            var workbookPart = false;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                workbookPart |= entry.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase);
            }

            if (!workbookPart)
            {
                throw Unreadable(path, "it is a ZIP archive but holds no Excel workbook (no xl/ part).");
            }

            if (unpacked > MaxUnpackedBytes)
            {
                throw Unreadable(path, $"it unpacks to {unpacked / (1024 * 1024)} MiB, above the {MaxUnpackedBytes / (1024 * 1024)} MiB PortMatrix reads.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw Unreadable(path, $"the ZIP archive is damaged ({ex.Message})", ex);
        }
    }

    /// <summary>The text of a cell as a person reads it, without evaluating formulas (their cached result is used).</summary>
    private static string CellText(IXLCell cell)
    {
        var value = cell.HasFormula ? cell.CachedValue : cell.Value;
        var text = value switch
        {
            null => "",
            double d => Number(d),
            float f => Number(f),
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            decimal m => Number((double)m),
            DateTime t => t.TimeOfDay == TimeSpan.Zero
                ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            string s when cell.DataType == XLDataType.Number && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Number(d),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return Collapse(text);
    }

    /// <summary>Whole numbers (ports) without separators or decimals, whatever the cell's number format says.</summary>
    private static string Number(double d) =>
        Math.Abs(d) < 1e15 && d == Math.Floor(d)
            ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : d.ToString("G15", CultureInfo.InvariantCulture);

    private static string Collapse(string text) => TextExtraction.CollapseWhitespace(text);

    /// <summary>A grid position's text and where it came from: its own cell (0) or a merged range (its index + 1).</summary>
    private readonly record struct GridCell(string Text, int Source);

    private sealed class SheetReader(int maxRows)
    {
        private int _cells;
        private bool _cellCapReported;

        public List<TextTable> Tables { get; } = [];

        public List<TextLine> Lines { get; } = [];

        public void Read(IXLWorksheet sheet)
        {
            var name = sheet.Name;
            var used = sheet.RangeUsed();
            if (used is null)
            {
                return;
            }

            var firstRow = used.RangeAddress.FirstAddress.RowNumber;
            var lastRow = used.RangeAddress.LastAddress.RowNumber;
            var firstColumn = used.RangeAddress.FirstAddress.ColumnNumber;
            var lastColumn = used.RangeAddress.LastAddress.ColumnNumber;
            var rowCap = (int)Math.Min(lastRow, (long)firstRow + maxRows - 1);
            var columnCap = (int)Math.Min(lastColumn, (long)firstColumn + MaxColumns - 1);

            var grid = new SortedDictionary<int, SortedDictionary<int, GridCell>>();
            foreach (var cell in sheet.CellsUsed())
            {
                var row = cell.Address.RowNumber;
                var column = cell.Address.ColumnNumber;
                if (row > rowCap || column > columnCap)
                {
                    continue;
                }

                var text = CellText(cell);
                if (text.Length > 0)
                {
                    Put(grid, row, column, new GridCell(text, 0));
                }
            }

            // A merged range shows its top-left value over its whole area; repeat it there (within the read area).
            var merges = sheet.MergedRanges.Select(r => r.RangeAddress).ToList();
            for (var m = 0; m < merges.Count; m++)
            {
                var address = merges[m];
                var top = address.FirstAddress.RowNumber;
                var left = address.FirstAddress.ColumnNumber;
                if (!grid.TryGetValue(top, out var topRow) || !topRow.TryGetValue(left, out var origin))
                {
                    continue;
                }

                for (var r = Math.Max(top, firstRow); r <= Math.Min(address.LastAddress.RowNumber, rowCap); r++)
                {
                    for (var c = Math.Max(left, firstColumn); c <= Math.Min(address.LastAddress.ColumnNumber, columnCap); c++)
                    {
                        Put(grid, r, c, new GridCell(origin.Text, m + 1));
                    }
                }
            }

            ReadBlocks(name, grid);

            if (lastRow > rowCap)
            {
                Lines.Add(ExtractionNote.Create($"rows after row {rowCap} of sheet '{name}'", rowCap + 1, name));
            }

            if (lastColumn > columnCap)
            {
                Lines.Add(ExtractionNote.Create($"columns after column {columnCap} of sheet '{name}'", firstRow, name));
            }
        }

        private static void Put(SortedDictionary<int, SortedDictionary<int, GridCell>> grid, int row, int column, GridCell cell)
        {
            if (!grid.TryGetValue(row, out var cells))
            {
                cells = [];
                grid[row] = cells;
            }

            cells[column] = cell;
        }

        /// <summary>Splits the sheet at empty rows and reads each block as a table, a title or lines.</summary>
        private void ReadBlocks(string sheet, SortedDictionary<int, SortedDictionary<int, GridCell>> grid)
        {
            var blocks = new List<List<(int Row, SortedDictionary<int, GridCell> Cells)>>();
            var previous = int.MinValue;
            foreach (var (row, cells) in grid)
            {
                if (row != previous + 1 || blocks.Count == 0)
                {
                    blocks.Add([]);
                }

                blocks[^1].Add((row, cells));
                previous = row;
            }

            string? title = null;
            for (var b = 0; b < blocks.Count; b++)
            {
                var block = blocks[b];
                var singles = block.All(r => Sources(r.Cells) == 1);
                if (singles)
                {
                    // One short value alone above a table is the table's title; other one-value rows are text.
                    var next = b + 1 < blocks.Count ? blocks[b + 1] : null;
                    if (block.Count == 1 && next is not null && next.Any(r => Sources(r.Cells) > 1))
                    {
                        title = block[0].Cells.Values.First().Text;
                        continue;
                    }

                    foreach (var (row, cells) in block)
                    {
                        Lines.Add(new TextLine(cells.Values.First().Text, row, title ?? sheet));
                    }

                    continue;
                }

                var start = 0;
                if (block.Count > 1 && Sources(block[0].Cells) == 1)
                {
                    title = block[0].Cells.Values.First().Text;
                    start = 1;
                }

                AddTable(sheet, title ?? sheet, block.Skip(start).ToList());
            }
        }

        /// <summary>How many distinct values a row shows: a merged range counts once.</summary>
        private static int Sources(SortedDictionary<int, GridCell> cells) =>
            cells.Values.Count(c => c.Source == 0) + cells.Values.Where(c => c.Source != 0).Select(c => c.Source).Distinct().Count();

        private void AddTable(string sheet, string section, List<(int Row, SortedDictionary<int, GridCell> Cells)> block)
        {
            var left = block.Min(r => r.Cells.Keys.First());
            var right = block.Max(r => r.Cells.Keys.Last());
            var rows = new List<TableRow>(block.Count);
            foreach (var (row, cells) in block)
            {
                var width = right - left + 1;
                if (_cells + width > MaxCells)
                {
                    if (!_cellCapReported)
                    {
                        Lines.Add(ExtractionNote.Create($"rows from row {row} of sheet '{sheet}' on, past {MaxCells} cells", row, sheet));
                        _cellCapReported = true;
                    }

                    break;
                }

                _cells += width;
                var line = new TableCell[width];
                for (var c = left; c <= right; c++)
                {
                    line[c - left] = new TableCell(cells.TryGetValue(c, out var cell) ? cell.Text : "", row, c);
                }

                rows.Add(new TableRow(line, row));
            }

            if (rows.Count > 0)
            {
                Tables.Add(new TextTable(rows, section, $"sheet {sheet}"));
            }
        }
    }
}

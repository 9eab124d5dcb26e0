using System.Globalization;
using Coordination.Host.Security;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Coordination.Host.WebUi.Exports;

/// <summary>A table the user sees on a page, downloaded as CSV (CsvHelper) or Excel (.xlsx, Open XML SDK).</summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Semicolon-separated with a byte-order mark, as Excel in Sweden opens it. Each value is written
    /// as <see cref="SpreadsheetText"/> says, so that a typed text never runs as a formula wherever a
    /// spreadsheet splits the line, also at a comma where that is the list separator: CsvHelper's own
    /// guard looks only at a value's first character and quotes only values with the semicolon.
    /// </summary>
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        var options = new CsvWriterOptions
        {
            Separator = ';',
            WriteByteOrderMark = true,
            Injection = CsvInjection.None,
            ShouldQuote = (field, _, _, _) => SpreadsheetText.NeedsQuotes(field),
        };
        using (var csv = CsvWriter.Create(stream, options, true))
        {
            csv.WriteRecord([.. headers.Select(SpreadsheetText.WithoutFormulas)]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. row.Select(SpreadsheetText.WithoutFormulas)]);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(headers));
            foreach (var row in rows)
            {
                data.Append(Row(row));
            }

            worksheet.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    // Numbers stay numbers in Excel; everything else is inline text.
    private static Row Row(IEnumerable<string> cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.Append(int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(cell) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell)) });
        }

        return row;
    }
}

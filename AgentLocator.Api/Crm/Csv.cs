using System.Text;

namespace AgentLocator.Api.Crm;

/// <summary>RFC 4180 CSV, as Excel reads and writes it.</summary>
public static class Csv
{
    /// <summary>
    /// Quotes when needed, and defuses cells a spreadsheet would run as a formula (=, +, -, @ first):
    /// exported data is typed by callers and customers, not by us.
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Reads all records; quoted fields may hold commas, quotes ("") and line breaks. A leading BOM is skipped.</summary>
    public static List<string[]> Parse(string text, char delimiter = ',')
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                AddRecord(records, fields);
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            AddRecord(records, fields);
        }
        return records;
    }

    /// <summary>Excel in some locales saves with semicolons; the header line tells which.</summary>
    public static char DetectDelimiter(string text)
    {
        var firstLine = text.AsSpan()[..Math.Max(0, text.IndexOfAny(['\r', '\n']) is var end && end < 0 ? text.Length : end)];
        return firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
    }

    private static void AddRecord(List<string[]> records, List<string> fields)
    {
        // Blank lines (often at the end of a file) are not rows.
        if (!(fields.Count == 1 && fields[0].Length == 0))
        {
            records.Add([.. fields]);
        }
        fields.Clear();
    }
}

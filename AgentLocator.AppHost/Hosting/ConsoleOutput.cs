using System.Text;
using System.Text.RegularExpressions;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// The AppHost's terminal: every child line prefixed with its resource name, coloured only when a person
/// is watching (a redirected log file gets plain text).
/// </summary>
internal static partial class ConsoleOutput
{
    private static readonly Lock Gate = new();
    private static readonly string[] Palette = ["36", "35", "33", "32", "34", "96", "95", "93"];
    private static readonly bool UseColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static void Echo(Resource resource, int index)
    {
        var color = Palette[index % Palette.Length];
        resource.Logs.Appended += line =>
        {
            var prefix = $"[{resource.Name}]";
            var text = line.Stream == LogStream.AppHost ? $"── {line.Text}" : line.Text;
            WriteLine(UseColor ? $"\u001b[{color}m{prefix}\u001b[0m {text}" : $"{prefix} {StripAnsi(text)}");
        };
    }

    public static void WriteLine(string text = "")
    {
        lock (Gate)
        {
            Console.Out.WriteLine(text);
        }
    }

    public static void Error(string text)
    {
        lock (Gate)
        {
            Console.Error.WriteLine(UseColor ? $"\u001b[31m{text}\u001b[0m" : text);
        }
    }

    public static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        var table = new StringBuilder();
        foreach (var row in all)
        {
            table.AppendLine("  " + string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        return table.ToString().TrimEnd();
    }

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.Infrastructure.Csv;

/// <summary>The one CSV format every export uses, and the streaming of a large export.</summary>
public static class SpreadsheetCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// RFC 4180 as Excel reads it: CRLF, quotes only where needed, and a UTF-8 BOM, which is what makes Excel read the file
    /// as UTF-8 and show Hebrew. Cells that start with = + - @ tab or CR get a leading ' so a spreadsheet shows them as text
    /// instead of running them as formulas: exported data is typed by callers and customers, not by us.
    /// </summary>
    public static readonly CsvWriterOptions Format = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
        BufferSize = 16 * 1024,
    };

    /// <summary>
    /// Streams rows to the client as they are read, so a large export holds neither the whole result nor the whole file
    /// in memory. The first row is read here, before any answer, so a query Postgres refuses is an error status, not a
    /// 200 with half a file. A failure after the first byte aborts the connection: the status line has
    /// gone, and ending the response normally would hand over a silently truncated file. <paramref name="recordAsync"/>
    /// runs however it ended (rows sent, completed), after the read, so an audit export never lists its own row.
    /// </summary>
    public static async Task<PushStreamHttpResult> StreamAsync<T>(IAsyncEnumerable<T> query, IReadOnlyList<string> header,
        Func<T, string?[]> cells, string fileName, HttpContext context, ILogger logger, Func<int, bool, Task> recordAsync)
    {
        var rows = query.GetAsyncEnumerator(context.RequestAborted);
        context.Response.RegisterForDisposeAsync(rows);
        var more = await rows.MoveNextAsync();
        return TypedResults.Stream(async body =>
        {
            var sent = 0;
            var completed = false;
            try
            {
                // The writer sends its buffer on whenever it is mostly full, so rows stream out as they are read.
                await using var csv = CsvWriter.Create(body, Format, leaveOpen: true);
                await csv.WriteRecordAsync([.. header], context.RequestAborted);
                for (; more; more = await rows.MoveNextAsync())
                {
                    await csv.WriteRecordAsync(cells(rows.Current), context.RequestAborted);
                    sent++;
                }
                await csv.FlushAsync(context.RequestAborted);
                completed = true;
            }
            catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
            {
                logger.LogError(error, "An export to {FileName} failed after it began; the connection was aborted.", fileName);
                context.Abort();
            }
            finally
            {
                await recordAsync(sent, completed);
            }
        }, ContentType, fileName);
    }
}

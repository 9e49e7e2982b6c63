using System.Globalization;
using AgentLocator.Api.Infrastructure.Csv;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>A customer's month: what was invoiced, credited and received in it, and what stays open at its end.</summary>
public sealed record MonthlyCustomerSummary(Guid CustomerId, string CustomerName, long InvoicedAgorot, long CreditedAgorot, long ReceivedAgorot,
    long OpenBalanceAgorot);

/// <summary>
/// One month of issued documents by document date: income before VAT and the VAT collected (invoices and invoice-receipts
/// less credits), the money received (receipts and invoice-receipts), and per customer the open balance at the month's end.
/// </summary>
public sealed record MonthlySummaryResponse(string Month, DateOnly From, DateOnly To, long IncomeAgorot, long VatAgorot, long ReceivedAgorot,
    int DocumentCount, IReadOnlyList<MonthlyCustomerSummary> Customers);

public static class MonthlySummary
{
    public static IEndpointRouteBuilder MapMonthlySummary(this RouteGroupBuilder invoices)
    {
        invoices.MapGet("/reports/monthly", GetAsync).WithSummary("A month's income, VAT collected and open balance per customer (month=yyyy-MM).");
        invoices.MapGet("/reports/monthly.csv", CsvAsync).WithSummary("The month's summary per customer as CSV, with a totals row.");
        return invoices;
    }

    public static async Task<Results<Ok<MonthlySummaryResponse>, ValidationProblem>> GetAsync(string? month, AgentLocatorDbContext db,
        CancellationToken cancellationToken) =>
        ParseMonth(month) is { } from
            ? TypedResults.Ok(await ComputeAsync(db, from, cancellationToken))
            : BadMonth();

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> CsvAsync(string? month, AgentLocatorDbContext db,
        CancellationToken cancellationToken)
    {
        if (ParseMonth(month) is not { } from)
        {
            return BadMonth();
        }
        var summary = await ComputeAsync(db, from, cancellationToken);
        using var body = new MemoryStream();
        await using (var csv = CsvWriter.Create(body, SpreadsheetCsv.Format, leaveOpen: true))
        {
            await csv.WriteRecordAsync(["לקוח", "חויב", "זוכה", "התקבל", "יתרה פתוחה בסוף החודש"], cancellationToken);
            foreach (var c in summary.Customers)
            {
                await csv.WriteRecordAsync([c.CustomerName, Plain(c.InvoicedAgorot), Plain(c.CreditedAgorot), Plain(c.ReceivedAgorot),
                    Plain(c.OpenBalanceAgorot)], cancellationToken);
            }
            await csv.WriteRecordAsync(["סה\"כ", Plain(summary.Customers.Sum(c => c.InvoicedAgorot)), Plain(summary.Customers.Sum(c => c.CreditedAgorot)),
                Plain(summary.ReceivedAgorot), Plain(summary.Customers.Sum(c => c.OpenBalanceAgorot))], cancellationToken);
            // Every record has the header's five fields: the month's totals fill the first two.
            await csv.WriteRecordAsync(["הכנסות לפני מע\"מ", Plain(summary.IncomeAgorot), "", "", ""], cancellationToken);
            await csv.WriteRecordAsync(["מע\"מ עסקאות", Plain(summary.VatAgorot), "", "", ""], cancellationToken);
            await csv.FlushAsync(cancellationToken);
        }
        return TypedResults.File(body.ToArray(), SpreadsheetCsv.ContentType, $"summary-{summary.Month}.csv");
    }

    internal static async Task<MonthlySummaryResponse> ComputeAsync(AgentLocatorDbContext db, DateOnly from, CancellationToken cancellationToken)
    {
        var to = from.AddMonths(1).AddDays(-1);
        // Everything issued up to the month's end: open balances need the earlier invoices and what paid or credited them.
        var issued = await db.TaxDocuments.AsNoTracking()
            .Where(d => d.Status == TaxDocumentStatuses.Issued && d.DocumentDate <= to && d.Type != TaxDocumentTypes.Quote)
            .Select(d => new { d.Id, d.Type, d.CustomerId, d.CustomerName, d.DocumentDate, d.SubtotalAgorot, d.VatAgorot, d.TotalAgorot, d.ReferencedDocumentId })
            .ToListAsync(cancellationToken);
        var inMonth = issued.Where(d => d.DocumentDate >= from).ToList();
        long Signed(string type, long amount) => type == TaxDocumentTypes.CreditInvoice ? -amount : TaxDocumentTypes.ReportsVat(type) ? amount : 0;
        var income = inMonth.Sum(d => Signed(d.Type, d.SubtotalAgorot));
        var vat = inMonth.Sum(d => Signed(d.Type, d.VatAgorot));
        var received = inMonth.Where(d => TaxDocumentTypes.TakesPayments(d.Type)).Sum(d => d.TotalAgorot);

        var against = issued.Where(d => d.ReferencedDocumentId is not null).GroupBy(d => d.ReferencedDocumentId!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.TotalAgorot));
        var customers = issued.GroupBy(d => d.CustomerId).Select(g =>
        {
            var month = g.Where(d => d.DocumentDate >= from).ToList();
            var open = g.Where(d => d.Type == TaxDocumentTypes.TaxInvoice)
                .Sum(d => Math.Max(0, d.TotalAgorot - against.GetValueOrDefault(d.Id)));
            return new MonthlyCustomerSummary(g.Key, g.OrderByDescending(d => d.DocumentDate).First().CustomerName,
                month.Where(d => TaxDocumentTypes.IsInvoice(d.Type)).Sum(d => d.TotalAgorot),
                month.Where(d => d.Type == TaxDocumentTypes.CreditInvoice).Sum(d => d.TotalAgorot),
                month.Where(d => TaxDocumentTypes.TakesPayments(d.Type)).Sum(d => d.TotalAgorot), open);
        })
            .Where(c => c.InvoicedAgorot + c.CreditedAgorot + c.ReceivedAgorot + c.OpenBalanceAgorot > 0)
            .OrderByDescending(c => c.OpenBalanceAgorot).ThenBy(c => c.CustomerName, StringComparer.Ordinal).ToList();
        return new MonthlySummaryResponse(from.ToString("yyyy-MM", CultureInfo.InvariantCulture), from, to, income, vat, received, inMonth.Count, customers);
    }

    private static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static ValidationProblem BadMonth() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["month"] = ["month is yyyy-MM, for example 2026-12."] }, title: "The report request has invalid parameters.");

    private static string Plain(long agorot) => Agorot.Format(agorot).Replace(",", "");
}

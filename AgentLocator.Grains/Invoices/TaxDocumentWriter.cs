using System.Text.Json;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Data.Migrations;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AgentLocator.Grains.Invoices;

/// <summary>
/// Every write of tax documents: drafts, the issue, conversion of a quote. Unlike customers and tasks these writes do not
/// go through a grain: the database is where they serialise (the counter row's lock, the referenced invoice's lock, the
/// immutability trigger), which holds for any number of API instances and clusters on one database. The context is the
/// request's, so the tenant filter applies to every read here. An issue and a conversion write their audit row in the same
/// transaction; the demo seed passes no <c>audit</c>, since no one did what it seeds.
/// </summary>
public sealed class TaxDocumentWriter(AgentLocatorDbContext db, TimeProvider clock, AllocationRule allocation, IAuditLog? audit = null)
{
    public Task<TaxDocumentOutcome> SaveDraftAsync(Guid? id, DocumentDraft draft, Guid userId, CancellationToken cancellationToken) =>
        SaveAsync(id, draft, userId, null, cancellationToken);

    /// <summary>Saves a draft; <paramref name="fromQuote"/>: it is that quote's conversion (remembered, and audited with it).</summary>
    private async Task<TaxDocumentOutcome> SaveAsync(Guid? id, DocumentDraft draft, Guid userId, TaxDocument? fromQuote, CancellationToken cancellationToken)
    {
        var businessId = db.CurrentBusinessIdForQueries;
        var customer = await db.Customers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == draft.CustomerId && c.DeletedAt == null, cancellationToken);
        if (customer is null)
        {
            return TaxDocumentOutcome.Invalid("customerId", "No such customer.");
        }
        var settings = await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings?.DealerType == DealerTypes.Exempt && TaxDocumentTypes.ReportsVat(draft.Type))
        {
            return TaxDocumentOutcome.Invalid("type", "An exempt dealer (עוסק פטור) issues no VAT documents: quotes and receipts only.");
        }
        if (await ReferenceProblemAsync(draft.Type, draft.ReferencedDocumentId, draft.CustomerId, cancellationToken) is { } referenceProblem)
        {
            return referenceProblem;
        }
        if (draft.Payments.Count > 0 && !TaxDocumentTypes.TakesPayments(draft.Type))
        {
            return TaxDocumentOutcome.Invalid("payments", "Only receipts and tax invoice-receipts record payments.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        TaxDocument document;
        if (id is { } existingId)
        {
            var existing = await db.TaxDocuments.FirstOrDefaultAsync(d => d.Id == existingId, cancellationToken);
            if (existing is null)
            {
                return TaxDocumentOutcome.NotFound;
            }
            if (existing.Status != TaxDocumentStatuses.Draft)
            {
                return IssuedIsFinal();
            }
            document = existing;
            // Replaced wholesale; the trigger would refuse this for an issued document.
            await db.Set<TaxDocumentLine>().Where(l => l.DocumentId == existingId).ExecuteDeleteAsync(cancellationToken);
            await db.Set<TaxDocumentPayment>().Where(p => p.DocumentId == existingId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            document = new TaxDocument
            {
                Id = Guid.CreateVersion7(), BusinessId = businessId, Type = draft.Type, CustomerName = customer.Name,
                CreatedAt = clock.GetUtcNow(), CreatedById = userId,
            };
            db.TaxDocuments.Add(document);
        }
        var today = await TodayAsync(businessId, cancellationToken);
        document.Type = draft.Type;
        document.CustomerId = customer.Id;
        document.CustomerName = customer.Name;
        document.CustomerTaxId = draft.CustomerTaxId ?? customer.TaxId;
        document.CustomerAddress = draft.CustomerAddress ?? customer.City;
        document.DocumentDate = draft.DocumentDate ?? today;
        document.PricesIncludeVat = draft.PricesIncludeVat;
        document.ReferencedDocumentId = draft.ReferencedDocumentId;
        document.Notes = draft.Notes;
        var lines = draft.Lines.Select((line, index) => new TaxDocumentLine
        {
            DocumentId = document.Id, Position = index + 1, Description = line.Description, Quantity = line.Quantity,
            UnitPriceAgorot = line.UnitPriceAgorot, DiscountAgorot = line.DiscountAgorot,
        }).ToList();
        var payments = draft.Payments.Select((payment, index) => new TaxDocumentPayment
        {
            DocumentId = document.Id, Position = index + 1, Method = payment.Method, AmountAgorot = payment.AmountAgorot,
            PaidOn = payment.PaidOn ?? document.DocumentDate, Bank = payment.Bank, Branch = payment.Branch, Account = payment.Account,
            ChequeNumber = payment.ChequeNumber, CardLastDigits = payment.CardLastDigits, AppName = payment.AppName, Reference = payment.Reference,
        }).ToList();
        // A draft shows the figures it would be issued with today; the issue computes them again with the day's rate.
        var rate = await RateForAsync(document, settings, cancellationToken) ?? 0;
        ApplyTotals(document, lines, payments, rate);
        db.Set<TaxDocumentLine>().AddRange(lines);
        db.Set<TaxDocumentPayment>().AddRange(payments);
        if (fromQuote is not null)
        {
            document.SourceDocumentId = fromQuote.Id;
            audit?.Record(db, AuditActions.TaxDocumentConverted, AuditTargetOf(fromQuote),
                new { quoteId = fromQuote.Id, quoteNumber = fromQuote.Number, draftId = document.Id, type = document.Type });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        document.Lines = lines;
        document.Payments = payments;
        return TaxDocumentOutcome.Ok(document);
    }

    /// <summary>
    /// Draft → issued, in one transaction: the number is taken first (the counter row locked FOR UPDATE), so every
    /// refusal below rolls it back with everything else and the next issue gets it; then the rules that depend on other
    /// documents run under their locks; then the document, its snapshots and its timeline event are saved together.
    /// </summary>
    public async Task<TaxDocumentOutcome> IssueAsync(Guid id, Guid userId, string? userName, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = await db.TaxDocuments.Include(d => d.Lines).Include(d => d.Payments)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TaxDocumentOutcome.NotFound;
        }
        if (document.Status != TaxDocumentStatuses.Draft)
        {
            return IssuedIsFinal();
        }
        var settings = await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            return TaxDocumentOutcome.Conflict("The business's tax details are not set.",
                "An admin sets the legal name, dealer type and tax id under invoice settings before any document is issued.");
        }
        var number = await TakeNumberAsync(document.BusinessId, document.Type, StartingNumber(settings, document.Type), cancellationToken);

        if (settings.DealerType == DealerTypes.Exempt && TaxDocumentTypes.ReportsVat(document.Type))
        {
            return TaxDocumentOutcome.Invalid("type", "An exempt dealer (עוסק פטור) issues no VAT documents: quotes and receipts only.");
        }
        var lines = document.Lines.OrderBy(l => l.Position).ToList();
        var payments = document.Payments.OrderBy(p => p.Position).ToList();
        if (lines.Count == 0 && document.Type != TaxDocumentTypes.Receipt)
        {
            return TaxDocumentOutcome.Invalid("lines", "A document needs at least one line.");
        }
        if (await RateForAsync(document, settings, cancellationToken) is not { } rate)
        {
            return TaxDocumentOutcome.Invalid("documentDate", "No VAT rate is in force on the document's date; add one under invoice settings.");
        }
        // The totals were written with the draft; issuing computes them once more with the rate of the document's day,
        // which only changes while the lines are a draft (no trigger stops it yet).
        ApplyTotals(document, lines, payments, rate);
        if (document.TotalAgorot <= 0)
        {
            return TaxDocumentOutcome.Invalid("lines", "The document's total must be more than zero.");
        }
        if (TaxDocumentTypes.TakesPayments(document.Type))
        {
            var paid = payments.Sum(p => p.AmountAgorot);
            if (payments.Count == 0 || paid != document.TotalAgorot)
            {
                return TaxDocumentOutcome.Invalid("payments",
                    $"The payments sum to {Agorot.Format(paid)}; they must equal the total, {Agorot.Format(document.TotalAgorot)}.");
            }
        }
        if (await ReferenceProblemAsync(document.Type, document.ReferencedDocumentId, document.CustomerId, cancellationToken) is { } referenceProblem)
        {
            return referenceProblem;
        }
        int? referencedNumber = null;
        if (document.ReferencedDocumentId is { } referencedId)
        {
            var (referenced, problem) = await CheckBalanceAsync(document, referencedId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            referencedNumber = referenced!.Number;
        }
        // A document that needs the Authority's allocation number is numbered now (the request carries its number) but waits,
        // frozen, until the number comes back: it is released to the customer only with it.
        var needsAllocation = document.AllocationNumber is null
            && allocation.Requires(document.Type, document.CustomerTaxId, document.SubtotalAgorot, document.DocumentDate);

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == document.CustomerId, cancellationToken);
        document.CustomerName = customer.Name;
        document.IssuerJson = JsonSerializer.Serialize(new IssuerSnapshot(settings.LegalName, settings.DealerType, settings.TaxId,
            settings.Address, settings.Phone, settings.Email, settings.BankDetails, settings.LogoKey, settings.LogoContentType), JsonSerializerOptions.Web);
        try
        {
            // The lines' amounts first, while the document is still a draft: once its row says issued, the trigger refuses them.
            await db.SaveChangesAsync(cancellationToken);
            document.Number = number;
            document.Status = needsAllocation ? TaxDocumentStatuses.PendingAllocation : TaxDocumentStatuses.Issued;
            document.IssuedAt = clock.GetUtcNow();
            document.IssuedById = userId;
            if (needsAllocation)
            {
                db.TaxDocumentAllocations.Add(new TaxDocumentAllocation
                {
                    DocumentId = document.Id, BusinessId = document.BusinessId, CreatedAt = document.IssuedAt.Value,
                    NextAttemptAt = document.IssuedAt.Value, Reason = AllocationReasons.NotYetRequested,
                });
            }
            else
            {
                InvoiceTimelineEvents.Issued(db, document, userId, userName, referencedNumber);
            }
            audit?.Record(db, document.Type == TaxDocumentTypes.CreditInvoice ? AuditActions.TaxDocumentCredited : AuditActions.TaxDocumentIssued,
                AuditTargetOf(document), new
                {
                    type = document.Type, number = document.Number, status = document.Status, totalAgorot = document.TotalAgorot,
                    referencedDocumentId = document.ReferencedDocumentId, referencedNumber,
                });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is PostgresException { SqlState: TaxDocumentSql.ImmutableState })
        {
            return IssuedIsFinal();
        }
        return TaxDocumentOutcome.Ok(document);
    }

    /// <summary>A draft invoice (or invoice-receipt) with the quote's customer and lines, remembering the quote.</summary>
    public async Task<TaxDocumentOutcome> ConvertQuoteAsync(Guid quoteId, string targetType, Guid userId, CancellationToken cancellationToken)
    {
        var quote = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).FirstOrDefaultAsync(d => d.Id == quoteId, cancellationToken);
        if (quote is null)
        {
            return TaxDocumentOutcome.NotFound;
        }
        if (quote.Type != TaxDocumentTypes.Quote)
        {
            return TaxDocumentOutcome.Conflict("Only a quote converts to an invoice.");
        }
        var draft = new DocumentDraft(targetType, quote.CustomerId, null, quote.PricesIncludeVat,
            [.. quote.Lines.OrderBy(l => l.Position).Select(l => new LineInput(l.Description, l.Quantity, l.UnitPriceAgorot, l.DiscountAgorot))],
            [], null, quote.Notes, quote.CustomerTaxId, quote.CustomerAddress);
        return await SaveAsync(null, draft, userId, quote, cancellationToken);
    }

    public static AuditTarget AuditTargetOf(TaxDocument document) =>
        AuditTarget.TaxDocument(document.Id, TaxDocumentTypes.Hebrew(document.Type), document.Number, document.CustomerName);

    public async Task<TaxDocumentOutcome> DeleteDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await db.TaxDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TaxDocumentOutcome.NotFound;
        }
        if (document.Status != TaxDocumentStatuses.Draft)
        {
            return IssuedIsFinal();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<TaxDocumentLine>().Where(l => l.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<TaxDocumentPayment>().Where(p => p.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.TaxDocuments.Where(d => d.Id == id && d.Status == TaxDocumentStatuses.Draft).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1 ? TaxDocumentOutcome.Ok(document) : IssuedIsFinal();
    }

    private static TaxDocumentOutcome IssuedIsFinal() =>
        TaxDocumentOutcome.Conflict("The document is issued and cannot be changed.", "Correct an issued document with a credit invoice.");

    private static void ApplyTotals(TaxDocument document, List<TaxDocumentLine> lines, List<TaxDocumentPayment> payments, int rate)
    {
        if (lines.Count == 0 && document.Type == TaxDocumentTypes.Receipt)
        {
            // A receipt without lines is the money it records.
            var paid = payments.Sum(p => p.AmountAgorot);
            document.VatRateBasisPoints = 0;
            (document.SubtotalAgorot, document.VatAgorot, document.TotalAgorot) = (paid, 0, paid);
            return;
        }
        var totals = DocumentTotals.Compute([.. lines.Select(l => new LineInput(l.Description, l.Quantity, l.UnitPriceAgorot, l.DiscountAgorot))],
            rate, document.PricesIncludeVat);
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].AmountAgorot = totals.LineAmounts[i];
        }
        document.VatRateBasisPoints = rate;
        (document.SubtotalAgorot, document.VatAgorot, document.TotalAgorot) = (totals.SubtotalAgorot, totals.VatAgorot, totals.TotalAgorot);
    }

    /// <summary>
    /// The VAT rate of the document: none on receipts and for an exempt dealer, the credited invoice's own rate on a credit,
    /// else the rate in force on the document's date (null when none is).
    /// </summary>
    private async Task<int?> RateForAsync(TaxDocument document, TaxSettings? settings, CancellationToken cancellationToken)
    {
        if (document.Type == TaxDocumentTypes.Receipt || settings?.DealerType == DealerTypes.Exempt)
        {
            return 0;
        }
        if (document.Type == TaxDocumentTypes.CreditInvoice && document.ReferencedDocumentId is { } creditedId
            && await db.TaxDocuments.AsNoTracking().Where(d => d.Id == creditedId).Select(d => (int?)d.VatRateBasisPoints)
                .FirstOrDefaultAsync(cancellationToken) is { } creditedRate)
        {
            return creditedRate;
        }
        return VatRates.On(VatRates.Parse(settings?.VatRatesJson ?? "[]"), document.DocumentDate);
    }

    private async Task<TaxDocumentOutcome?> ReferenceProblemAsync(string type, Guid? referencedId, Guid customerId, CancellationToken cancellationToken)
    {
        if (type == TaxDocumentTypes.CreditInvoice && referencedId is null)
        {
            return TaxDocumentOutcome.Invalid("referencedDocumentId", "A credit invoice names the invoice it credits.");
        }
        if (referencedId is null)
        {
            return null;
        }
        if (type is not (TaxDocumentTypes.CreditInvoice or TaxDocumentTypes.Receipt))
        {
            return TaxDocumentOutcome.Invalid("referencedDocumentId", "Only a credit invoice or a receipt refers to another document.");
        }
        var referenced = await db.TaxDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == referencedId, cancellationToken);
        var allowed = type == TaxDocumentTypes.CreditInvoice ? TaxDocumentTypes.IsInvoice(referenced?.Type ?? "") : referenced?.Type == TaxDocumentTypes.TaxInvoice;
        if (referenced is null || !allowed || referenced.Status != TaxDocumentStatuses.Issued)
        {
            return TaxDocumentOutcome.Invalid("referencedDocumentId", type == TaxDocumentTypes.CreditInvoice
                ? "A credit invoice credits an issued tax invoice or tax invoice-receipt."
                : "A receipt pays an issued tax invoice.");
        }
        return referenced.CustomerId == customerId ? null
            : TaxDocumentOutcome.Invalid("referencedDocumentId", "The referenced document is another customer's.");
    }

    /// <summary>Locks the referenced invoice, so two credits (or receipts) of it are checked one after the other.</summary>
    private async Task<(TaxDocument? Referenced, TaxDocumentOutcome? Problem)> CheckBalanceAsync(TaxDocument document, Guid referencedId,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync("SELECT id FROM tax_documents WHERE id = @id FOR UPDATE", cancellationToken, ("id", referencedId));
        var referenced = await db.TaxDocuments.AsNoTracking().FirstAsync(d => d.Id == referencedId, cancellationToken);
        var balance = await InvoiceBalances.OfAsync(db, [referencedId], cancellationToken);
        var of = balance[referencedId];
        if (document.Type == TaxDocumentTypes.CreditInvoice && document.TotalAgorot > of.CreditableAgorot)
        {
            return (referenced, TaxDocumentOutcome.Conflict("The credit is more than remains on the invoice.",
                $"Invoice {referenced.Number} has {Agorot.Format(of.CreditableAgorot)} left to credit; this credit is {Agorot.Format(document.TotalAgorot)}."));
        }
        if (document.Type == TaxDocumentTypes.Receipt && document.TotalAgorot > of.OpenAgorot)
        {
            return (referenced, TaxDocumentOutcome.Conflict("The receipt is more than the invoice's open balance.",
                $"Invoice {referenced.Number} has {Agorot.Format(of.OpenAgorot)} open; this receipt is {Agorot.Format(document.TotalAgorot)}."));
        }
        return (referenced, null);
    }

    private static int StartingNumber(TaxSettings settings, string type) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(settings.StartingNumbersJson, JsonSerializerOptions.Web) is { } starts
        && starts.TryGetValue(type, out var start) ? start : 1;

    /// <summary>
    /// The type's next number, gapless: the counter row is created at the business's starting number on first use, then
    /// locked FOR UPDATE until this transaction ends, so concurrent issues of the type (on any instance) queue here and a
    /// rolled-back issue leaves the number to the next one.
    /// </summary>
    private async Task<int> TakeNumberAsync(Guid businessId, string type, int start, CancellationToken cancellationToken)
    {
        var number = await ExecuteAsync("""
            INSERT INTO tax_document_sequences (business_id, type, next_number) VALUES (@business, @type, @start)
                ON CONFLICT (business_id, type) DO NOTHING;
            SELECT next_number FROM tax_document_sequences WHERE business_id = @business AND type = @type FOR UPDATE;
            UPDATE tax_document_sequences SET next_number = next_number + 1 WHERE business_id = @business AND type = @type;
            """, cancellationToken, ("business", businessId), ("type", type), ("start", start));
        return (int)number!;
    }

    private async Task<object?> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<DateOnly> TodayAsync(Guid businessId, CancellationToken cancellationToken)
    {
        var zone = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => b.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone ?? Business.DefaultTimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone).DateTime);
    }
}

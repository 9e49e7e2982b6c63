using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// The body's shape (types, lengths, formats), each problem under the field's wire name (<c>lines[2].quantity</c>). The
/// rules that need the database — the customer, the referenced invoice, the dealer type, payments against the total —
/// are the writer's.
/// </summary>
public static class DocumentRequestShape
{
    public const int MaxLines = 200;
    public const int MaxPayments = 20;
    public const long MaxAmountAgorot = 100_000_000_000; // a billion shekels

    public static DocumentDraft? Parse(DocumentRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Type is null || !TaxDocumentTypes.All.Contains(request.Type))
        {
            errors["type"] = [$"type is one of {string.Join(", ", TaxDocumentTypes.All)}."];
        }
        if (request.CustomerId is null)
        {
            errors["customerId"] = ["customerId is required."];
        }
        var lines = new List<LineInput>();
        if (request.Lines is { Count: > MaxLines })
        {
            errors["lines"] = [$"At most {MaxLines} lines."];
        }
        for (var i = 0; i < Math.Min(request.Lines?.Count ?? 0, MaxLines); i++)
        {
            if (ParseLine(request.Lines![i], $"lines[{i}]", errors) is { } line)
            {
                lines.Add(line);
            }
        }
        var payments = new List<PaymentInput>();
        if (request.Payments is { Count: > MaxPayments })
        {
            errors["payments"] = [$"At most {MaxPayments} payments."];
        }
        for (var i = 0; i < Math.Min(request.Payments?.Count ?? 0, MaxPayments); i++)
        {
            if (ParsePayment(request.Payments![i], $"payments[{i}]", errors) is { } payment)
            {
                payments.Add(payment);
            }
        }
        string? taxId = null;
        if (!string.IsNullOrWhiteSpace(request.CustomerTaxId) && (taxId = TaxIds.Normalize(request.CustomerTaxId)) is null)
        {
            errors["customerTaxId"] = ["customerTaxId is a 9-digit Israeli number with a valid check digit."];
        }
        var notes = Text(request.Notes, "notes", 2000, errors);
        var address = Text(request.CustomerAddress, "customerAddress", 300, errors);
        if (request.DocumentDate is { Year: < 2000 or > 2100 })
        {
            errors["documentDate"] = ["documentDate is a date between 2000 and 2100."];
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new DocumentDraft(request.Type!, request.CustomerId!.Value, request.DocumentDate, request.PricesIncludeVat ?? false, lines, payments,
            request.ReferencedDocumentId, notes, taxId, address);
    }

    private static LineInput? ParseLine(DocumentLineDto? line, string at, Dictionary<string, string[]> errors)
    {
        if (line is null)
        {
            errors[at] = ["A line is an object."];
            return null;
        }
        var count = errors.Count;
        var description = line.Description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length > 500)
        {
            errors[$"{at}.description"] = ["description is 1 to 500 characters."];
        }
        if (line.Quantity is not { } quantity || quantity <= 0 || quantity > 1_000_000 || decimal.Round(quantity, 3) != quantity)
        {
            errors[$"{at}.quantity"] = ["quantity is more than 0, at most 1000000, with at most three decimals."];
        }
        if (line.UnitPriceAgorot is not { } price || price < 0 || price > MaxAmountAgorot)
        {
            errors[$"{at}.unitPriceAgorot"] = ["unitPriceAgorot is a whole number of agorot, 0 or more."];
        }
        var discount = line.DiscountAgorot ?? 0;
        if (discount < 0)
        {
            errors[$"{at}.discountAgorot"] = ["discountAgorot is 0 or more."];
        }
        else if (line.Quantity is { } q && line.UnitPriceAgorot is { } p && q > 0 && discount > DocumentTotals.LineAmount(new LineInput("", q, p, 0)))
        {
            errors[$"{at}.discountAgorot"] = ["The discount is more than the line's amount."];
        }
        return errors.Count > count ? null : new LineInput(description!, line.Quantity!.Value, line.UnitPriceAgorot!.Value, discount);
    }

    private static PaymentInput? ParsePayment(DocumentPaymentDto? payment, string at, Dictionary<string, string[]> errors)
    {
        if (payment is null)
        {
            errors[at] = ["A payment is an object."];
            return null;
        }
        var count = errors.Count;
        var method = payment.Method;
        if (method is null || !PaymentMethods.All.Contains(method))
        {
            errors[$"{at}.method"] = [$"method is one of {string.Join(", ", PaymentMethods.All)}."];
        }
        if (payment.AmountAgorot is not { } amount || amount <= 0 || amount > MaxAmountAgorot)
        {
            errors[$"{at}.amountAgorot"] = ["amountAgorot is a whole number of agorot, more than 0."];
        }
        var bank = Digits(payment.Bank, $"{at}.bank", 1, 3, errors);
        var branch = Digits(payment.Branch, $"{at}.branch", 1, 4, errors);
        var account = Digits(payment.Account, $"{at}.account", 2, 20, errors);
        var cheque = Digits(payment.ChequeNumber, $"{at}.chequeNumber", 1, 12, errors);
        var card = Digits(payment.CardLastDigits, $"{at}.cardLastDigits", 4, 4, errors);
        var app = Text(payment.AppName, $"{at}.appName", 50, errors);
        var reference = Text(payment.Reference, $"{at}.reference", 100, errors);
        switch (method)
        {
            case PaymentMethods.Cheque:
                RequiredFor(errors, $"{at}.bank", bank, "a cheque");
                RequiredFor(errors, $"{at}.branch", branch, "a cheque");
                RequiredFor(errors, $"{at}.chequeNumber", cheque, "a cheque");
                break;
            case PaymentMethods.Card:
                RequiredFor(errors, $"{at}.cardLastDigits", card, "a card payment");
                break;
            case PaymentMethods.App:
                RequiredFor(errors, $"{at}.appName", app, "an app payment");
                break;
        }
        return errors.Count > count ? null
            : new PaymentInput(method!, payment.AmountAgorot!.Value, payment.PaidOn, bank, branch, account, cheque, card, app, reference);
    }

    private static void RequiredFor(Dictionary<string, string[]> errors, string field, string? value, string what)
    {
        if (value is null && !errors.ContainsKey(field))
        {
            errors[field] = [$"Required for {what}."];
        }
    }

    private static string? Digits(string? value, string field, int min, int max, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length < min || trimmed.Length > max || !trimmed.All(char.IsAsciiDigit))
        {
            errors[field] = [min == max ? $"Exactly {min} digits." : $"{min} to {max} digits."];
        }
        return trimmed;
    }

    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
        return trimmed;
    }
}

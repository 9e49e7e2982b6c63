using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>
/// The allocation-number request of the Authority's "Israel Invoices" API: <c>POST {ApiBaseUrl}/Invoices/v1/Approval</c>
/// with the business's bearer token and the invoice as JSON, answered with <c>Status</c>, <c>Message</c>,
/// <c>Confirmation_Number</c> and <c>Approved</c>.
/// <para>
/// The field names and codes follow the Authority's published technical specification as far as we could confirm them; the
/// parts we could not (which optional fields it insists on, the exact refusal codes, whether a second request for the same
/// invoice returns the first number) are kept in this one class, so a correction touches only it and its fake. Amounts go
/// as shekels with two decimals; document types use the Authority's codes (305 tax invoice, 320 invoice-receipt, 330 credit).
/// </para>
/// </summary>
public sealed class TaxAuthorityClient(IHttpClientFactory httpClients, TaxAuthorityTokens tokens, TenantDbContextFactory contexts,
    IOptions<TaxAuthorityOptions> options, ILogger<TaxAuthorityClient> logger) : IAllocationNumbers
{
    public const string ApprovalPath = "Invoices/v1/Approval";

    private TaxAuthorityOptions Settings => options.Value;

    public async Task<AllocationAnswer> RequestAsync(AllocationRequest request, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(request.BusinessId);
        var body = JsonSerializer.Serialize(ApprovalRequest.From(request, Settings.SoftwareNumber));
        var forceRefresh = false;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var token = await tokens.GetAsync(db, forceRefresh, cancellationToken);
            if (token.Token is not { } accessToken)
            {
                return AllocationAnswer.Unavailable(token.Problem!);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Settings.RequestTimeout);
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(EnsureSlash(Settings.ApiBaseUrl)), ApprovalPath))
                {
                    Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
                };
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await httpClients.CreateClient(TaxAuthorityTokens.HttpClientName).SendAsync(message, timeout.Token);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    forceRefresh = true;
                    continue;
                }
                return await AnswerAsync(response, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return AllocationAnswer.Unavailable(AllocationReasons.TimedOut);
            }
            catch (HttpRequestException error)
            {
                logger.LogWarning("The Tax Authority could not be reached: {Error}", error.Message);
                return AllocationAnswer.Unavailable(AllocationReasons.Unavailable);
            }
        }
        return AllocationAnswer.Unavailable("רשות המסים לא קיבלה את החיבור של העסק; יש לחבר את החשבון מחדש בהגדרות החשבוניות");
    }

    private async Task<AllocationAnswer> AnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            return AllocationAnswer.Unavailable(AllocationReasons.Unavailable);
        }
        ApprovalResponse? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<ApprovalResponse>(cancellationToken);
        }
        catch (JsonException)
        {
            answer = null;
        }
        if (response.IsSuccessStatusCode && answer is { Approved: true, ConfirmationNumber: { Length: > 0 } number })
        {
            return AllocationAnswer.Granted(number);
        }
        if (answer is null && response.IsSuccessStatusCode)
        {
            return AllocationAnswer.Unavailable(AllocationReasons.Unavailable);
        }
        var said = answer?.Message is { Length: > 0 } message ? message : $"HTTP {(int)response.StatusCode}";
        logger.LogInformation("The Tax Authority refused an allocation number: {Status} {Message}", answer?.Status, said);
        return AllocationAnswer.Refused($"רשות המסים סירבה להקצות מספר: {said}");
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";

    /// <summary>The Authority's document-type codes (the same as the uniform structure's).</summary>
    public static int TypeCode(string type) => type switch
    {
        TaxDocumentTypes.TaxInvoice => 305,
        TaxDocumentTypes.TaxInvoiceReceipt => 320,
        TaxDocumentTypes.CreditInvoice => 330,
        TaxDocumentTypes.Receipt => 400,
        _ => 0,
    };

    internal static decimal Shekels(long agorot) => agorot / 100m;

    /// <summary>The approval request as the Authority spells it.</summary>
    internal sealed record ApprovalRequest(
        [property: JsonPropertyName("Invoice_ID")] string InvoiceId,
        [property: JsonPropertyName("Invoice_Type")] int InvoiceType,
        [property: JsonPropertyName("Vat_Number")] long VatNumber,
        [property: JsonPropertyName("Union_Vat_Number")] long UnionVatNumber,
        [property: JsonPropertyName("Invoice_Reference_Number")] string InvoiceReferenceNumber,
        [property: JsonPropertyName("Customer_VAT_Number")] long CustomerVatNumber,
        [property: JsonPropertyName("Customer_Name")] string CustomerName,
        [property: JsonPropertyName("Invoice_Date")] string InvoiceDate,
        [property: JsonPropertyName("Invoice_Issuance_Date")] string InvoiceIssuanceDate,
        [property: JsonPropertyName("Accounting_Software_Number")] long AccountingSoftwareNumber,
        [property: JsonPropertyName("Amount_Before_Discount")] decimal AmountBeforeDiscount,
        [property: JsonPropertyName("Discount")] decimal Discount,
        [property: JsonPropertyName("Payment_Amount")] decimal PaymentAmount,
        [property: JsonPropertyName("VAT_Amount")] decimal VatAmount,
        [property: JsonPropertyName("Payment_Amount_Including_VAT")] decimal PaymentAmountIncludingVat,
        [property: JsonPropertyName("Action")] int Action,
        [property: JsonPropertyName("Items")] IReadOnlyList<ApprovalItem> Items)
    {
        public static ApprovalRequest From(AllocationRequest request, long softwareNumber)
        {
            var discount = request.Lines.Sum(l => l.DiscountAgorot);
            return new ApprovalRequest(request.DocumentId.ToString(), TypeCode(request.DocumentType), long.Parse(request.IssuerTaxId, CultureInfo.InvariantCulture),
                0, request.Number.ToString(CultureInfo.InvariantCulture), long.Parse(request.CustomerTaxId, CultureInfo.InvariantCulture), request.CustomerName,
                request.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                softwareNumber, Shekels(request.SubtotalAgorot + discount), Shekels(discount), Shekels(request.SubtotalAgorot), Shekels(request.VatAgorot),
                Shekels(request.TotalAgorot), 0,
                [.. request.Lines.Select(l => new ApprovalItem(l.Position, l.Description, l.Quantity, Shekels(l.UnitPriceAgorot), Shekels(l.DiscountAgorot),
                    Shekels(l.AmountAgorot), request.VatRateBasisPoints / 100m))]);
        }
    }

    internal sealed record ApprovalItem(
        [property: JsonPropertyName("Index")] int Index,
        [property: JsonPropertyName("Description")] string Description,
        [property: JsonPropertyName("Quantity")] decimal Quantity,
        [property: JsonPropertyName("Price_Per_Unit")] decimal PricePerUnit,
        [property: JsonPropertyName("Discount")] decimal Discount,
        [property: JsonPropertyName("Total_Amount")] decimal TotalAmount,
        [property: JsonPropertyName("VAT_Rate")] decimal VatRate);

    internal sealed record ApprovalResponse(
        [property: JsonPropertyName("Status")] int? Status,
        [property: JsonPropertyName("Message")] string? Message,
        [property: JsonPropertyName("Confirmation_Number")] string? ConfirmationNumber,
        [property: JsonPropertyName("Approved")] bool? Approved);
}

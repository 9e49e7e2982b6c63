using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Invoices.Uniform;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Invoices;

[Collection(ApiCollection.Name)]
public sealed class UniformExportTests(AgentLocatorApiFactory api)
{
    private const string CustomerTaxId = "123456782";

    /// <summary>Section 2.5's record lengths (without CRLF), stated here independently of the layout table.</summary>
    public static TheoryData<string, int> SpecifiedLengths => new()
    {
        { "A000", 466 }, { "INI", 19 }, { "A100", 95 }, { "C100", 444 }, { "D110", 339 }, { "D120", 222 }, { "Z900", 110 },
    };

    [Theory]
    [MemberData(nameof(SpecifiedLengths))]
    public void Each_layout_is_contiguous_and_as_long_as_the_specification_says(string code, int length)
    {
        var layout = code == "INI" ? UniformLayouts.IniSummary : Layout(code);
        var expectedPosition = 1;
        foreach (var field in layout.Fields)
        {
            Assert.True(field.Position == expectedPosition, $"{code} field {field.Name} starts at {field.Position}, expected {expectedPosition}");
            expectedPosition += field.Length;
        }
        Assert.Equal(length, layout.Length);
        if (code != "INI")
        {
            Assert.Equal(Enumerable.Range(layout.Fields[0].Number, layout.Fields.Count), layout.Fields.Select(f => f.Number));
        }
    }

    [Fact]
    public void A_record_writes_numbers_signs_dates_and_hebrew_at_their_positions()
    {
        var line = new UniformRecord(UniformLayouts.D110).Set("recordNumber", 7).Set("documentNumber", "1001").Set("description", "ייעוץ 😀")
            .Set("lineDiscount", -2_550L).Set("quantity", 15_000L).Set("documentDate", new DateOnly(2026, 12, 3)).Render();

        Assert.Equal(339, line.Length);
        var fields = Read(UniformLayouts.D110, line);
        Assert.Equal(("D110", "000000007", "1001                "), (fields["code"], fields["recordNumber"], fields["documentNumber"]));
        Assert.Equal("-00000000002550", fields["lineDiscount"]);
        Assert.Equal("+0000000000015000", fields["quantity"]);
        Assert.Equal("20261203", fields["documentDate"]);
        Assert.Equal("ייעוץ ?", fields["description"].TrimEnd()); // outside the code page: one '?' keeps the record's length
        Assert.Equal(339, UniformEncoding.Hebrew.GetByteCount(line));
    }

    [Fact]
    public async Task The_export_holds_the_ranges_documents_record_by_record_with_matching_counts()
    {
        using var client = await api.BillingBusinessAsync();
        var dana = await client.CreateCustomerAsync(new { name = "דנה כהן" });
        var invoice = await client.IssuedAsync(new
        {
            type = "tax_invoice", customerId = dana.Id, documentDate = "2026-12-02", customerTaxId = CustomerTaxId, customerAddress = "הרצל 5, חיפה",
            lines = new object[]
            {
                new { description = "שעת ייעוץ", quantity = 1.5m, unitPriceAgorot = 40_000L, discountAgorot = 5_000L },
                new { description = "נסיעות", quantity = 1m, unitPriceAgorot = 10_000L, discountAgorot = 0L },
            },
        });
        var receipt = await client.IssuedAsync(new
        {
            type = "receipt", customerId = dana.Id, documentDate = "2026-12-10", referencedDocumentId = invoice.Id,
            payments = new object[]
            {
                new { method = "cheque", amountAgorot = 30_000L, bank = "12", branch = "345", account = "678901", chequeNumber = "1002", paidOn = "2027-01-15" },
                new { method = "cash", amountAgorot = 10_000L },
            },
        });
        var credit = await client.IssuedAsync(new
        {
            type = "credit_invoice", customerId = dana.Id, documentDate = "2026-12-15", referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "זיכוי", quantity = 1m, unitPriceAgorot = 5_000L } },
        });
        var invoiceReceipt = await client.IssuedAsync(new
        {
            type = "tax_invoice_receipt", customerId = dana.Id, documentDate = "2026-12-31", pricesIncludeVat = true,
            lines = new[] { new { description = "מוצר", quantity = 2m, unitPriceAgorot = 11_800L } },
            payments = new[] { new { method = "card", amountAgorot = 23_600L, cardLastDigits = "4242" } },
        });
        await client.IssuedAsync(new
        {
            type = "quote", customerId = dana.Id, documentDate = "2026-12-03",
            lines = new[] { new { description = "הצעה", quantity = 1m, unitPriceAgorot = 1_000L } },
        });
        await client.DraftAsync(InvoiceApiExtensions.Invoice(dana.Id, 7_000, date: "2026-12-20"));
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(dana.Id, 9_000, date: "2026-11-30"));
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(dana.Id, 9_000, date: "2027-01-01"));

        var (folder, ini, data) = await ExportAsync(client, "2026-12-01", "2026-12-31");

        Assert.Matches(@"^OPENFRMT/51617915\.26/\d{8}$", folder);
        var records = Records(data);
        Assert.All(records, r => Assert.Equal(Layout(r[..4]).Length, r.Length));
        Assert.Equal(records.Select((_, i) => (i + 1).ToString("000000000")), records.Select(r => r[4..13]));
        Assert.Equal(["A100", "C100", "D110", "D110", "C100", "D120", "D120", "C100", "D110", "C100", "D110", "D120", "Z900"],
            records.Select(r => r[..4]));
        Assert.All(records, r => Assert.Equal("516179157", r[13..22]));

        var headers = records.Where(r => r.StartsWith("C100")).Select(r => Read(UniformLayouts.C100, r)).ToList();
        Assert.Equal(["305", "400", "330", "320"], headers.Select(h => h["documentType"]));
        Assert.Equal(new[] { invoice, receipt, credit, invoiceReceipt }.Select(d => d.Number!.Value.ToString()), headers.Select(h => h["documentNumber"].Trim()));
        Assert.Equal(["20261202", "20261210", "20261215", "20261231"], headers.Select(h => h["documentDate"]));
        foreach (var (documentHeader, document) in headers.Zip(new[] { invoice, receipt, credit, invoiceReceipt }))
        {
            Assert.Equal(document.SubtotalAgorot, Signed(documentHeader["amountBeforeVat"]));
            Assert.Equal(document.VatAgorot, Signed(documentHeader["vatAmount"]));
            Assert.Equal(document.TotalAgorot, Signed(documentHeader["amountIncludingVat"]));
            Assert.Equal("דנה כהן", documentHeader["customerName"].TrimEnd());
            Assert.Equal(" ", documentHeader["cancelled"]);
        }
        Assert.Equal((65_000L, 11_700L, 76_700L), (Signed(headers[0]["amountBeforeVat"]), Signed(headers[0]["vatAmount"]), Signed(headers[0]["amountIncludingVat"])));
        Assert.Equal(CustomerTaxId, headers[0]["customerTaxId"]);
        Assert.Equal("000000000", headers[1]["customerTaxId"]);
        Assert.Equal("הרצל 5, חיפה", headers[0]["customerStreet"].TrimEnd());
        Assert.Equal(dana.Id.ToString("N")[^15..], headers[0]["customerKey"]);
        Assert.Equal(["0000001", "0000002", "0000003", "0000004"], headers.Select(h => h["linkId"]));

        var lines = records.Where(r => r.StartsWith("D110")).Select(r => Read(UniformLayouts.D110, r)).ToList();
        Assert.Equal(("305", "0001", "שעת ייעוץ", "יחידה"), (lines[0]["documentType"], lines[0]["lineNumber"], lines[0]["description"].TrimEnd(), lines[0]["unit"].TrimEnd()));
        Assert.Equal((15_000L, 40_000L, -5_000L, 55_000L), (Signed(lines[0]["quantity"]), Signed(lines[0]["unitPriceBeforeVat"]),
            Signed(lines[0]["lineDiscount"]), Signed(lines[0]["lineTotal"])));
        Assert.Equal(invoice.Lines.Select(l => l.AmountAgorot), lines.Take(2).Select(l => Signed(l["lineTotal"])));
        Assert.All(lines, l => Assert.Equal("1800", l["vatRate"]));
        // The credit names the invoice it credits; the invoice-receipt's prices included VAT and are restated before it.
        Assert.Equal(("305", invoice.Number!.Value.ToString()), (lines[2]["baseDocumentType"], lines[2]["baseDocumentNumber"].Trim()));
        Assert.Equal((10_000L, 20_000L), (Signed(lines[3]["unitPriceBeforeVat"]), Signed(lines[3]["lineTotal"])));
        Assert.Equal(invoiceReceipt.SubtotalAgorot, Signed(lines[3]["lineTotal"]));

        var payments = records.Where(r => r.StartsWith("D120")).Select(r => Read(UniformLayouts.D120, r)).ToList();
        Assert.Equal(["2", "1", "3"], payments.Select(p => p["paymentMethod"]));
        Assert.Equal([30_000L, 10_000L, 23_600L], payments.Select(p => Signed(p["amount"])));
        Assert.Equal(("0000000012", "0000000345", "000000000678901", "0000001002", "20270115"),
            (payments[0]["bankNumber"], payments[0]["branchNumber"], payments[0]["accountNumber"], payments[0]["chequeNumber"], payments[0]["dueDate"]));
        Assert.Equal(("0000002", "0000004"), (payments[0]["linkId"], payments[2]["linkId"]));

        var closing = Read(UniformLayouts.Z900, records[^1]);
        Assert.Equal(records.Count, int.Parse(closing["totalRecords"]));
        var opening = Read(UniformLayouts.A100, records[0]);
        Assert.Equal((UniformLayouts.FormatConstant, opening["primaryId"]), (closing["formatConstant"], closing["primaryId"]));

        var iniRecords = Records(ini);
        var header = Read(UniformLayouts.A000, iniRecords[0]);
        Assert.Equal(466, iniRecords[0].Length);
        Assert.Equal(records.Count, int.Parse(header["totalRecords"]));
        Assert.Equal((opening["primaryId"], "516179157", "20261201", "20261231", "1"),
            (header["primaryId"], header["taxId"], header["rangeStart"], header["rangeEnd"], header["characterSet"]));
        Assert.Equal("אור שירותים בע\"מ", header["businessName"].TrimEnd());
        Assert.Equal(folder, header["outputPath"].TrimEnd());
        var summaries = iniRecords.Skip(1).Select(r => Read(UniformLayouts.IniSummary, r)).ToDictionary(s => s["code"], s => int.Parse(s["count"]));
        Assert.Equal(records.GroupBy(r => r[..4]).ToDictionary(g => g.Key, g => g.Count()), summaries);
        Assert.All(iniRecords.Skip(1), r => Assert.Equal(19, r.Length));

        var audit = await client.Http.GetFromJsonAsync<JsonElement>("/api/admin/audit?action=uniform-export-downloaded");
        var row = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("tax-books", row.GetProperty("targetType").GetString());
    }

    [Fact]
    public async Task The_files_are_crlf_records_in_the_hebrew_code_page()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "שרה לוי" });
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000, date: "2026-12-05"));

        var (_, ini, data) = await ExportAsync(client, "2026-12-01", "2026-12-31");

        foreach (var file in new[] { ini, data })
        {
            Assert.Equal((byte)'\n', file[^1]);
            for (var i = 0; i < file.Length; i++)
            {
                if (file[i] == '\n')
                {
                    Assert.True(i > 0 && file[i - 1] == '\r', "every line ends with CRLF");
                }
            }
        }
        // ש is 0xF9 and ר 0xF8 in ISO-8859-8: the name is stored one byte per letter, in logical order.
        var c100 = Records(data).Single(r => r.StartsWith("C100"));
        var offset = Array.IndexOf(data, (byte)'C');
        Assert.Equal(new byte[] { 0xF9, 0xF8, 0xE4 }, data.AsSpan(offset + 57, 3).ToArray());
        Assert.Equal("שרה לוי", Read(UniformLayouts.C100, c100)["customerName"].TrimEnd());
    }

    [Fact]
    public async Task Another_business_exports_none_of_these_documents()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000, date: "2026-12-05"));
        using var other = await api.BillingBusinessAsync();

        var (_, _, data) = await ExportAsync(other, "2026-12-01", "2026-12-31");

        Assert.Equal(["A100", "Z900"], Records(data).Select(r => r[..4]));
    }

    [Theory]
    [InlineData("from=2026-12-01", "to")]
    [InlineData("from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("from=2026-12-31&to=2026-12-01", "to")]
    public async Task A_bad_range_is_400_naming_the_field(string query, string field)
    {
        using var client = await api.BillingBusinessAsync();

        var response = await client.Http.GetAsync($"/api/invoices/reports/uniform?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_agent_may_not_export_the_books()
    {
        using var admin = await api.BillingBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "לקוח" });
        await using var db = api.CreateDbContext();
        var businessName = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == customer.Id)
            .Join(db.Businesses.IgnoreQueryFilters(), c => c.BusinessId, b => b.Id, (c, b) => b.Name).SingleAsync();
        using var agent = await api.SignedInAsync(await api.CreateUserAsync(businessName));

        var response = await agent.Http.GetAsync("/api/invoices/reports/uniform?from=2026-12-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<(string Folder, byte[] Ini, byte[] Data)> ExportAsync(ApiClient client, string from, string to)
    {
        var response = await client.Http.GetAsync($"/api/invoices/reports/uniform?from={from}&to={to}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(e => e.FullName).Order().ToList();
        Assert.Equal(2, names.Count);
        var folder = names[0][..names[0].LastIndexOf('/')];
        Assert.Equal([$"{folder}/BKMVDATA.TXT", $"{folder}/INI.TXT"], names);
        return (folder, Bytes(zip, $"{folder}/INI.TXT"), Bytes(zip, $"{folder}/BKMVDATA.TXT"));
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The file's records, decoded in the code page, without their CRLF.</summary>
    private static List<string> Records(byte[] file)
    {
        var text = UniformEncoding.Hebrew.GetString(file);
        Assert.EndsWith("\r\n", text);
        return [.. text[..^2].Split("\r\n")];
    }

    private static UniformRecordLayout Layout(string code) =>
        new[] { UniformLayouts.A000, UniformLayouts.A100, UniformLayouts.C100, UniformLayouts.D110, UniformLayouts.D120, UniformLayouts.Z900 }
            .Single(l => l.Code == code);

    /// <summary>Reads a record back by the layout table alone: each field's characters at its position.</summary>
    private static Dictionary<string, string> Read(UniformRecordLayout layout, string record) =>
        layout.Fields.ToDictionary(f => f.Name, f => record.Substring(f.Position - 1, f.Length));

    private static long Signed(string field)
    {
        Assert.Matches(@"^[+-]\d+$", field);
        return long.Parse(field);
    }
}

using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// Completing a signature: <c>signature-complete</c> is the signer's <c>POST /api/public/sign/{token}/sign</c> on a request
/// whose only signer they are, so every measured request stamps the drawn signature into a 3-page Hebrew contract, appends
/// the completion certificate page and signs the result (PKCS#7) with the business's certificate. Setup (as the demo
/// admin) prints a 3-page contract once, makes a pool of requests from it with links to copy (nothing sent), and takes
/// one link per request; the business's certificate is made by the warm-up's first completion, not a measured one.
/// </summary>
public static class SignatureScenarios
{
    private const string AdminEmail = "admin@demo.local";
    private const string Password = "Passw0rd!";

    /// <summary>Each link signs once: enough for a 10 s run with warm-up at a few completions a second; past it, answers are 409s and count as errors.</summary>
    private static readonly int PoolSize = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SIGNATURE_POOL"), out var size) ? size : 120;

    public static IEnumerable<Scenario> All { get; } =
    [
        new("signature-complete", "POST sign: the last signer signs a 3-page Hebrew contract (stamp + certificate page + PKCS#7)", NeedsApi: true,
            PrepareAsync),
    ];

    private static async Task<Func<HttpRequestMessage>> PrepareAsync(ScenarioContext context, CancellationToken ct)
    {
        using var login = await context.Client.PostAsJsonAsync(context.Api("/api/auth/login"), new { email = AdminEmail, password = Password }, ct);
        var token = (await EnsureAsync(login, "sign-in", ct)).GetProperty("accessToken").GetString()!;
        var (customerId, pdf) = await ThreePageContractAsync(context, token, ct);
        var links = new Queue<string>();
        for (var n = 0; n < PoolSize; n++)
        {
            links.Enqueue(await LinkAsync(context, token, customerId, pdf, n, ct));
        }
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { signaturePng = Convert.ToBase64String(StrokePng()), consent = true }));
        var last = links.Peek();
        return () =>
        {
            string link;
            lock (links)
            {
                link = links.Count > 0 ? links.Dequeue() : last;
            }
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpRequestMessage(HttpMethod.Post, context.Api($"/api/public/sign/{link}/sign")) { Content = content };
        };
    }

    /// <summary>The demo business's 3-page contract (60 clauses with Latin and number runs), as its PDF.</summary>
    private static async Task<(string CustomerId, byte[] Pdf)> ThreePageContractAsync(ScenarioContext context, string token, CancellationToken ct)
    {
        var clauses = string.Concat(Enumerable.Range(1, 60).Select(n =>
            $"<p>סעיף {n}: ההתקנה של מערכת Model-X{n} תושלם תוך {n + 10} ימים מיום החתימה.</p>"));
        using var template = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/contract-templates"), token, new
        {
            name = "הסכם חתימה למדידה " + Guid.NewGuid().ToString("N")[..6],
            bodyHtml = "<h2>הסכם שירות</h2><p>הסכם זה נערך ביום {{today}} בין {{business.name}} לבין {{customer.name}}.</p>" + clauses,
        }), ct);
        var templateId = (await EnsureAsync(template, "template", ct)).GetProperty("id").GetString()!;
        using var customer = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/crm/customers"), token,
            new { name = "חותם מדידה " + Guid.NewGuid().ToString("N")[..6] }), ct);
        var customerId = (await EnsureAsync(customer, "customer", ct)).GetProperty("id").GetString()!;
        using var contract = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api($"/api/customers/{customerId}/contracts"), token,
            new { templateId }), ct);
        var contractId = (await EnsureAsync(contract, "contract", ct)).GetProperty("id").GetString()!;
        using var pdf = await context.Client.SendAsync(Authorized(HttpMethod.Get, context.Api($"/api/contracts/{contractId}/pdf"), token), ct);
        if (!pdf.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setup contract PDF failed: {(int)pdf.StatusCode}");
        }
        return (customerId, await pdf.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>A request of one signer from the PDF, links to copy; answers that signer's token.</summary>
    private static async Task<string> LinkAsync(ScenarioContext context, string token, string customerId, byte[] pdf, int n, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "contract.pdf");
        form.Add(new StringContent($"הסכם למדידה {n + 1}"), "title");
        form.Add(new StringContent(JsonSerializer.Serialize(new[] { new { name = "דנה לוי", phone = "+972541234567", role = "customer" } })), "signers");
        form.Add(new StringContent("false"), "ordered");
        form.Add(new StringContent("false"), "requireCode");
        form.Add(new StringContent("link"), "delivery");
        using var create = new HttpRequestMessage(HttpMethod.Post, context.Api($"/api/customers/{customerId}/signature-requests"))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = form,
        };
        using var created = await context.Client.SendAsync(create, ct);
        var request = await EnsureAsync(created, "signature request", ct);
        if (request.GetProperty("pageCount").GetInt32() != 3)
        {
            throw new InvalidOperationException($"Setup expected a 3-page contract, got {request.GetProperty("pageCount").GetInt32()} pages.");
        }
        var requestId = request.GetProperty("id").GetString()!;
        var signerId = request.GetProperty("signers")[0].GetProperty("id").GetString()!;
        using var link = await context.Client.SendAsync(
            Authorized(HttpMethod.Post, context.Api($"/api/signatures/requests/{requestId}/signers/{signerId}/link"), token), ct);
        var url = (await EnsureAsync(link, "link", ct)).GetProperty("url").GetString()!;
        return url[(url.LastIndexOf('/') + 1)..];
    }

    /// <summary>A 300×100 transparent PNG with a wavy dark-blue stroke, as a signature pad would send.</summary>
    internal static byte[] StrokePng()
    {
        const int width = 300, height = 100;
        var raw = new byte[height * (1 + width * 4)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 4);
            for (var x = 20; x < 280; x++)
            {
                if (Math.Abs(y - (50 + 30 * Math.Sin(x / 25.0))) < 2.5)
                {
                    var at = row + 1 + x * 4;
                    (raw[at], raw[at + 1], raw[at + 2], raw[at + 3]) = ((byte)11, (byte)42, (byte)111, (byte)255);
                }
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6); // 8 bits per channel, RGBA
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, Uri uri, string token, object? body = null) => new(method, uri)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = body is null ? null : JsonContent.Create(body),
    };

    private static async Task<JsonElement> EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setup {what} failed: {(int)response.StatusCode} {text}");
        }
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}

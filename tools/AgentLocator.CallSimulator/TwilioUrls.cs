namespace AgentLocator.CallSimulator;

/// <summary>
/// Twilio only knows public URLs: it resolves TwiML's relative URLs against the document's public URL and signs
/// what it calls. The simulator signs those same URLs but sends anything under the public host to the API instead,
/// which is how a developer reaches a server whose PUBLIC_HOST is a tunnel or proxy.
/// </summary>
internal sealed class TwilioUrls
{
    private readonly string publicHost;
    private readonly Uri publicRoot;
    private readonly string api;

    public TwilioUrls(Uri api, string? publicHost)
    {
        this.api = api.GetLeftPart(UriPartial.Path).TrimEnd('/');
        // Kept as typed: the server concatenates its PUBLIC_HOST as configured, case and port included.
        this.publicHost = (string.IsNullOrWhiteSpace(publicHost) ? this.api : publicHost.Trim()).TrimEnd('/');
        if (!Uri.TryCreate(this.publicHost + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The public host '{publicHost}' is not an absolute http(s) URL.", nameof(publicHost));
        }
        publicRoot = root;
    }

    public string PublicHost => publicHost;

    /// <summary>The public URL of a server path such as <c>/webhook/incoming_call</c>.</summary>
    public string Public(string pathAndQuery) => publicHost + (pathAndQuery.StartsWith('/') ? "" : "/") + pathAndQuery;

    /// <summary>A TwiML URL resolved like a browser would against the document it came from.</summary>
    public string Resolve(string documentUrl, string reference)
    {
        var resolved = new Uri(new Uri(documentUrl), reference.Trim());
        return Relative(resolved) is { } rest ? publicHost + rest : resolved.AbsoluteUri;
    }

    /// <summary>Where a public URL's request really goes.</summary>
    public Uri Transport(string publicUrl)
    {
        var uri = new Uri(publicUrl);
        return Relative(uri) is { } rest ? new Uri(api + rest) : uri;
    }

    /// <summary>The part after the public host, when <paramref name="uri"/> is under it; fragments are never sent.</summary>
    private string? Relative(Uri uri)
    {
        var sameServer = Uri.Compare(uri, publicRoot, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        var rootPath = publicRoot.AbsolutePath;
        if (!sameServer || !uri.AbsolutePath.StartsWith(rootPath, StringComparison.Ordinal))
        {
            return null;
        }
        return "/" + uri.PathAndQuery[rootPath.Length..];
    }
}

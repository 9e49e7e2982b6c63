using Npgsql;

namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>Turns URL-style connection settings into the formats Npgsql and StackExchange.Redis read.</summary>
public static class ConnectionStringFormats
{
    /// <summary><c>postgres://user:pass@host:port/db?sslmode=require</c> → Npgsql keywords. Other input is passed through.</summary>
    public static string PostgresUrlToNpgsql(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            return value;
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase)
                && Enum.TryParse<SslMode>(parts[1], ignoreCase: true, out var sslMode))
            {
                builder.SslMode = sslMode;
            }
        }
        return builder.ConnectionString;
    }

    /// <summary><c>redis://:pass@host:port/db</c> or <c>rediss://…</c> → StackExchange's comma form. Other input is passed through.</summary>
    public static string RedisUrlToStackExchange(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
        {
            return value;
        }
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0)
            {
                parts.Add($"user={Uri.UnescapeDataString(userInfo[0])}");
            }
            parts.Add($"password={Uri.UnescapeDataString(userInfo[1])}");
        }
        else if (userInfo[0].Length > 0)
        {
            parts.Add($"password={Uri.UnescapeDataString(userInfo[0])}");
        }
        if (int.TryParse(uri.AbsolutePath.TrimStart('/'), out var database))
        {
            parts.Add($"defaultDatabase={database}");
        }
        if (uri.Scheme == "rediss")
        {
            parts.Add("ssl=true");
        }
        parts.Add("abortConnect=false");
        return string.Join(',', parts);
    }
}

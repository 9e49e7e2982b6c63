using System.Globalization;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Customers;

/// <summary>The customer fields a CSV can carry, with the Hebrew headers people see in Excel.</summary>
public static class CustomerColumns
{
    public sealed record Column(string Key, string Header, Func<Customer, TimeZoneInfo, string?> Value);

    private static readonly Dictionary<string, string> StatusLabels = new()
    {
        [CustomerStatuses.Lead] = "ליד",
        [CustomerStatuses.Active] = "פעיל",
        [CustomerStatuses.Inactive] = "לא פעיל",
    };

    public static readonly IReadOnlyList<Column> All =
    [
        new("name", "שם", (c, _) => c.Name),
        new("phone", "טלפון", (c, _) => Phones.Display(c.Phone)),
        new("email", "אימייל", (c, _) => c.Email),
        new("city", "עיר", (c, _) => c.City),
        new("status", "סטטוס", (c, _) => StatusLabels.GetValueOrDefault(c.Status, c.Status)),
        new("tags", "תגיות", (c, _) => string.Join("; ", c.Tags)),
        new("createdAt", "נוצר", (c, zone) => Local(c.CreatedAt, zone)),
        new("updatedAt", "עודכן", (c, zone) => Local(c.UpdatedAt, zone)),
        new("lastActivityAt", "פעילות אחרונה", (c, zone) => Local(c.LastActivityAt, zone)),
        new("openTasks", "משימות פתוחות", (c, _) => c.OpenTasks.ToString(CultureInfo.InvariantCulture)),
        new("calls", "שיחות", (c, _) => c.Calls.ToString(CultureInfo.InvariantCulture)),
    ];

    public static readonly IReadOnlyList<string> DefaultExport = ["name", "phone", "email", "city", "status", "tags", "createdAt", "lastActivityAt"];

    /// <summary>Fields an import can fill, and the header names (ours in English or Hebrew) it recognises without a mapping.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ImportFields = new Dictionary<string, string[]>
    {
        ["name"] = ["name", "שם", "שם מלא"],
        ["phone"] = ["phone", "טלפון", "נייד"],
        ["email"] = ["email", "אימייל", "דוא\"ל", "מייל"],
        ["city"] = ["city", "עיר"],
        ["status"] = ["status", "סטטוס"],
        ["tags"] = ["tags", "תגיות"],
    };

    public static string? StatusFromLabel(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        return StatusLabels.FirstOrDefault(pair => pair.Value == trimmed).Key ?? trimmed;
    }

    private static string Local(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

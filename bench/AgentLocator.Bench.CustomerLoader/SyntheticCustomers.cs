using AgentLocator.Grains.Customers;

namespace AgentLocator.Bench.CustomerLoader;

/// <summary>One generated customer row, in the columns COPY writes.</summary>
public sealed record SyntheticCustomer(
    Guid Id, string Name, string? Phone, string? PhoneDigits, string? Email, string? City, string Status, string[] Tags,
    DateTime CreatedAt, DateTime LastActivityAt, int OpenTasks, int Calls, DateTime? DeletedAt);

/// <summary>
/// Deterministic per index (seeded by it), so a resumed load continues the same sequence and phone numbers stay
/// unique per business: index → (mobile prefix, 7 digits) is a bijection for the first 60 million indexes.
/// </summary>
public sealed class SyntheticCustomers(DateTime nowUtc)
{
    // Hebrew names carry a transliteration so their e-mail addresses look like real ones.
    private static readonly (string Hebrew, string Latin)[] HebrewFirst =
    [
        ("דנה", "dana"), ("יוסי", "yossi"), ("מיכל", "michal"), ("אבי", "avi"), ("נועה", "noa"), ("דוד", "david"),
        ("שרה", "sara"), ("משה", "moshe"), ("רונית", "ronit"), ("איתי", "itay"), ("תמר", "tamar"), ("עומר", "omer"),
        ("יעל", "yael"), ("אורי", "uri"), ("שירה", "shira"), ("גיל", "gil"), ("ליאת", "liat"), ("עידו", "ido"),
        ("הילה", "hila"), ("רועי", "roi"), ("אורית", "orit"), ("אלון", "alon"), ("מאיה", "maya"), ("נתן", "natan"),
        ("ענבל", "inbal"), ("יונתן", "yonatan"), ("אסתר", "ester"), ("חיים", "haim"), ("רחל", "rachel"), ("אריאל", "ariel"),
        ("קרן", "keren"), ("עמית", "amit"), ("לימור", "limor"), ("שי", "shai"), ("אפרת", "efrat"), ("בועז", "boaz"),
        ("סיגל", "sigal"), ("ניר", "nir"), ("אביגיל", "avigail"), ("אהרון", "aharon"), ("מירב", "merav"), ("ערן", "eran"),
    ];

    private static readonly (string Hebrew, string Latin)[] HebrewLast =
    [
        ("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz"), ("ביטון", "biton"), ("דהן", "dahan"),
        ("אברהם", "avraham"), ("פרידמן", "friedman"), ("אזולאי", "azulay"), ("מלכה", "malka"), ("חדד", "hadad"),
        ("גבאי", "gabay"), ("שפירא", "shapira"), ("אוחיון", "ohayon"), ("יוסף", "yosef"), ("קליין", "klein"),
        ("דוד", "david"), ("עמר", "amar"), ("בן דוד", "bendavid"), ("רוזנברג", "rosenberg"), ("אשכנזי", "ashkenazi"),
        ("סויסה", "swisa"), ("טל", "tal"), ("שושן", "shoshan"), ("ברק", "barak"), ("גולן", "golan"), ("נחום", "nahum"),
        ("זילברמן", "zilberman"), ("אלמוג", "almog"), ("שטרן", "stern"), ("רביבו", "revivo"), ("וקנין", "vaknin"),
        ("בירנבאום", "birnbaum"), ("הורוביץ", "horowitz"), ("קורן", "koren"), ("שמעוני", "shimoni"), ("גרינברג", "greenberg"),
        ("ליבוביץ", "leibovitz"), ("אלמליח", "elmaleh"), ("סלע", "sela"), ("נגר", "nagar"), ("עזרא", "ezra"),
    ];

    private static readonly string[] LatinFirst =
    [
        "Daniel", "Sarah", "Michael", "Emma", "David", "Olivia", "James", "Sophia", "Benjamin", "Hannah", "Lucas",
        "Mia", "Nathan", "Chloe", "Samuel", "Julia", "Adam", "Laura", "Eric", "Nina", "Victor", "Elena", "Igor", "Anna",
    ];

    private static readonly string[] LatinLast =
    [
        "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Garcia", "Martin", "Thompson", "Petrov", "Ivanov",
        "Schwartz", "Weiss", "Becker", "Fischer", "Rossi", "Moreau", "Novak", "Kowalski", "Carter", "Bennett", "Hughes",
    ];

    private static readonly string[] Cities =
    [
        "תל אביב", "ירושלים", "חיפה", "ראשון לציון", "פתח תקווה", "אשדוד", "נתניה", "באר שבע", "חולון", "רמת גן",
        "הרצליה", "רעננה", "כפר סבא", "מודיעין", "אילת", "Tel Aviv", "Haifa",
    ];

    private static readonly string[] Tags = ["vip", "משקיע", "שכירות", "מכירה", "קונה", "הפניה", "חוזר", "מסחרי"];
    private static readonly string[] Domains = ["gmail.com", "walla.co.il", "yahoo.com", "hotmail.com", "outlook.com", "bezeqint.net"];
    private static readonly string[] MobilePrefixes = ["50", "52", "53", "54", "55", "58"];

    private static readonly TimeSpan History = TimeSpan.FromDays(3 * 365);

    public SyntheticCustomer Create(long index)
    {
        var random = new Random(unchecked((int)(index * 2_654_435_761L)));
        var createdAt = nowUtc - History * random.NextDouble();
        var lastActivityAt = createdAt + (nowUtc - createdAt) * Math.Pow(random.NextDouble(), 3);

        string name, emailLocal;
        if (random.Next(10) < 7)
        {
            var (first, firstLatin) = HebrewFirst[random.Next(HebrewFirst.Length)];
            var (last, lastLatin) = HebrewLast[random.Next(HebrewLast.Length)];
            (name, emailLocal) = ($"{first} {last}", $"{firstLatin}.{lastLatin}");
        }
        else
        {
            var (first, last) = (LatinFirst[random.Next(LatinFirst.Length)], LatinLast[random.Next(LatinLast.Length)]);
            (name, emailLocal) = ($"{first} {last}", $"{first}.{last}".ToLowerInvariant());
        }

        var digits = PhoneDigits(index);
        var hasPhone = random.Next(100) < 97;
        var email = random.Next(100) < 60 ? $"{emailLocal}{index % 10_000}@{Domains[random.Next(Domains.Length)]}" : null;
        var status = random.Next(10) switch { < 5 => "active", < 8 => "lead", _ => "inactive" };
        var tags = random.Next(3) == 0 ? [Tags[random.Next(Tags.Length)]] : Array.Empty<string>();
        var deletedAt = random.Next(100) == 0 ? lastActivityAt : (DateTime?)null;

        return new SyntheticCustomer(
            Guid.CreateVersion7(new DateTimeOffset(createdAt)), name,
            hasPhone ? "+972" + digits : null, hasPhone ? digits : null,
            email, random.Next(100) < 80 ? Cities[random.Next(Cities.Length)] : null, status, tags,
            createdAt, lastActivityAt, random.Next(4), random.Next(30), deletedAt);
    }

    /// <summary>National digits of an Israeli mobile (5X + 7 digits); 7919 is coprime to 10⁷, so no two indexes collide.</summary>
    public static string PhoneDigits(long index)
    {
        var prefix = MobilePrefixes[index % MobilePrefixes.Length];
        var subscriber = (index / MobilePrefixes.Length * 7919 + 1_234_567) % 10_000_000;
        return prefix + subscriber.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The generated numbers must be what the API itself would store for them, or phone search means nothing.</summary>
    public static void CheckAgainstAppRules(int samples)
    {
        for (long index = 0; index < samples; index++)
        {
            var digits = PhoneDigits(index * 7_777);
            if (!Phones.TryNormalize("0" + digits, out var phone) || phone.E164 != "+972" + digits || phone.SearchDigits != digits)
            {
                throw new InvalidOperationException($"Generated number 0{digits} does not normalise the way the API stores it.");
            }
        }
    }
}

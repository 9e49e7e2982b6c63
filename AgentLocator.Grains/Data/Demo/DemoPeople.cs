using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Data.Demo;

/// <summary>A made-up customer before it is a row: a Hebrew name, a valid Israeli number (unique), city, status, tags.</summary>
internal sealed record DemoPerson(string Name, string Phone, string? Email, string? City, string Status, List<string> Tags);

internal static class DemoPeople
{
    public static List<DemoPerson> Make(int count, Random random)
    {
        var phones = new HashSet<string>();
        var names = new HashSet<string>();
        var people = new List<DemoPerson>(count);
        while (people.Count < count)
        {
            var name = $"{Pick(DemoTexts.FirstNames, random)} {Pick(DemoTexts.LastNames, random)}";
            // Mostly mobiles (05X + 7 digits); one in eight a landline (0X + 7 digits), as a business's customers are.
            var phone = random.Next(8) == 0
                ? $"0{Pick(DemoTexts.LandlineAreas, random)}{random.Next(2_000_000, 9_999_999)}"
                : $"0{Pick(DemoTexts.MobilePrefixes, random)}{random.Next(2_000_000, 9_999_999)}";
            if (!phones.Add(phone) || !names.Add(name))
            {
                continue;
            }
            var roll = random.Next(10);
            var status = roll < 5 ? CustomerStatuses.Active : roll < 8 ? CustomerStatuses.Lead : CustomerStatuses.Inactive;
            var tags = DemoTexts.Tags.Where(_ => random.Next(6) == 0).Take(2).ToList();
            var email = random.Next(3) == 0 ? null : $"customer{people.Count + 1}@example.co.il";
            people.Add(new DemoPerson(name, phone, email, random.Next(10) == 0 ? null : Pick(DemoTexts.Cities, random), status, tags));
        }
        return people;
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];
}

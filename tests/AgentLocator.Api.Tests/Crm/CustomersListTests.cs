using System.Net;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Crm;

/// <summary>Paging, sorting, cursors and search over a business of 30 known customers.</summary>
public sealed class CustomersListFixture : AgentLocatorApiFactory
{
    public ApiClient Admin { get; private set; } = null!;
    public List<(string Name, string Phone, string Email)> Created { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, admin) = await CreateBusinessAsync();
        Admin = new ApiClient(this);
        await Admin.SignInAsync(admin.Email);
        string[] hebrewNames = ["אבי", "בתיה", "גדי", "דנה", "הדס", "ורד"];
        for (var i = 0; i < 30; i++)
        {
            var name = $"{hebrewNames[i % hebrewNames.Length]} Customer{i:D2}";
            var phone = CustomerApiExtensions.NextMobile();
            var email = $"c{i:D2}@example.com";
            await Admin.CreateCustomerAsync(new { name, phone, email, status = i % 3 == 0 ? "active" : "lead", tags = i % 5 == 0 ? new[] { "vip" } : [] });
            Created.Add((name, phone, email));
        }
    }
}

public sealed class CustomersListTests(CustomersListFixture api) : IClassFixture<CustomersListFixture>
{
    [Fact]
    public async Task First_page_has_the_page_metadata_of_the_issue()
    {
        var page = await api.Admin.ListCustomersAsync("page=1&limit=25");

        Assert.Equal(25, page.Items.Count);
        Assert.Equal(1, page.Page.Page);
        Assert.Equal(25, page.Page.Limit);
        Assert.Equal(30, page.Page.Total);
        Assert.Equal(2, page.Page.TotalPages);
        Assert.True(page.Page.HasNext);
    }

    [Fact]
    public async Task Default_limit_is_25_and_the_last_page_has_no_next()
    {
        var page = await api.Admin.ListCustomersAsync("page=2");

        Assert.Equal(5, page.Items.Count);
        Assert.False(page.Page.HasNext);
    }

    [Fact]
    public async Task A_page_past_the_end_is_an_empty_list_not_an_error()
    {
        var page = await api.Admin.ListCustomersAsync("page=99&limit=25");

        Assert.Empty(page.Items);
        Assert.Equal(30, page.Page.Total);
        Assert.False(page.Page.HasNext);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("sort=bogus", "sort")]
    [InlineData("page=abc", "page")]
    [InlineData("status=vip", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await api.Admin.Http.GetAsync("/api/crm/customers?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Sorting_by_name_both_ways_and_newest_first_by_default()
    {
        var byName = await api.Admin.ListCustomersAsync("sort=name&limit=100");
        var byNameDescending = await api.Admin.ListCustomersAsync("sort=-name&limit=100");
        var newestFirst = await api.Admin.ListCustomersAsync("limit=100");

        var names = api.Created.Select(c => c.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), byName.Items.Select(c => c.Name));
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), byNameDescending.Items.Select(c => c.Name));
        Assert.Equal(Enumerable.Reverse(names), newestFirst.Items.Select(c => c.Name));
    }

    [Theory]
    [InlineData("-createdAt")]
    [InlineData("name")]
    [InlineData("-lastActivityAt")]
    public async Task Walking_with_a_cursor_visits_every_row_once_in_page_order(string sort)
    {
        var expected = (await api.Admin.ListCustomersAsync($"sort={sort}&limit=100")).Items.Select(c => c.Id).ToList();
        var seen = new List<Guid>();
        string? cursor = "";
        for (var step = 0; step < 10 && cursor is not null; step++)
        {
            var page = await api.Admin.ListCustomersAsync($"sort={sort}&limit=7&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(page.Items.Select(c => c.Id));
            Assert.Equal(page.Page.HasNext, page.NextCursor is not null);
            cursor = page.NextCursor;
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_from_another_sort_order_is_refused()
    {
        var first = await api.Admin.ListCustomersAsync("sort=name&limit=5");

        var response = await api.Admin.Http.GetAsync($"/api/crm/customers?sort=-createdAt&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_finds_any_part_of_a_hebrew_or_latin_name_and_emails()
    {
        Assert.Equal(5, (await api.Admin.ListCustomersAsync("q=" + Uri.EscapeDataString("דנ"))).Page.Total);
        Assert.Equal(["דנה Customer03"], (await api.Admin.ListCustomersAsync("q=customer03")).Items.Select(c => c.Name));
        Assert.Equal(["הדס Customer22"], (await api.Admin.ListCustomersAsync("q=C22@EXAMPLE")).Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Search_by_phone_in_any_format_a_person_types()
    {
        var (name, phone, _) = api.Created[17];
        var national = "0" + phone[4..];
        string[] typed = [$"{national[..3]}-{national[3..6]} {national[6..]}", phone, national, phone[4..], national[^5..]];

        foreach (var query in typed)
        {
            var found = await api.Admin.ListCustomersAsync("q=" + Uri.EscapeDataString(query));
            Assert.True(found.Items.Count == 1 && found.Items[0].Name == name, $"'{query}' found {found.Items.Count}");
        }
    }

    [Fact]
    public async Task Filters_by_status_and_tag_count_only_matching_rows()
    {
        var active = await api.Admin.ListCustomersAsync("status=active&limit=100");
        var vip = await api.Admin.ListCustomersAsync("tag=vip&limit=100");

        Assert.Equal(10, active.Page.Total);
        Assert.All(active.Items, c => Assert.Equal("active", c.Status));
        Assert.Equal(6, vip.Page.Total);
        Assert.All(vip.Items, c => Assert.Contains("vip", c.Tags));
    }

    [Fact]
    public async Task Tags_lists_the_business_tags()
    {
        var tags = await api.Admin.Http.GetStringAsync("/api/crm/tags");

        Assert.Equal("[\"vip\"]", tags);
    }
}

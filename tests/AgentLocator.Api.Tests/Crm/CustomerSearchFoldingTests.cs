using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Customers;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Crm;

/// <summary>The name/e-mail search over the folded search_text column (SearchIndexes migration).</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomerSearchFoldingTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Search_ignores_niqqud_final_letters_and_case_on_either_side()
    {
        var (_, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        await admin.CreateCustomerAsync(new { name = "שָׁלוֹם כֹּהֵן", phone = CustomerApiExtensions.NextMobile() });
        await admin.CreateCustomerAsync(new { name = "Dana Levi", phone = CustomerApiExtensions.NextMobile(), email = "Dana.Levi@Example.com" });
        await admin.CreateCustomerAsync(new { name = "רינה", phone = CustomerApiExtensions.NextMobile() });

        async Task<string[]> Found(string q) => (await admin.ListCustomersAsync("q=" + Uri.EscapeDataString(q))).Items.Select(c => c.Name).ToArray();

        Assert.Equal(["שָׁלוֹם כֹּהֵן"], await Found("שלום"));      // no niqqud typed, niqqud stored
        Assert.Equal(["שָׁלוֹם כֹּהֵן"], await Found("כֹהֵנ"));      // niqqud typed, and a final letter typed as ordinary
        Assert.Equal(["שָׁלוֹם כֹּהֵן"], await Found("לום כה"));     // across the space inside the name
        Assert.Equal(["Dana Levi"], await Found("DANA.LEVI@"));         // the e-mail, in other case
        Assert.Empty(await Found("levi\ndana"));                        // nothing spans the name and the e-mail
        Assert.Empty(await Found("%"));                                 // LIKE wildcards are text
    }

    [Fact]
    public async Task The_column_postgres_keeps_is_what_the_api_folds()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        const string name = "מִרְיָם Ben-Hayim ךםןףץ";
        const string email = "Miriam.BH@Example.COM";
        await admin.CreateCustomerAsync(new { name, phone = CustomerApiExtensions.NextMobile(), email });

        await using var db = api.CreateDbContext();
        var stored = await db.Database
            .SqlQuery<string>($"SELECT search_text AS \"Value\" FROM customers WHERE business_id = {business.Id}")
            .SingleAsync();

        Assert.Equal(CustomerSearchText.For(name, email), stored);
        Assert.Equal("מרימ ben-hayim כמנפצ\nmiriam.bh@example.com", stored); // the final mem folded too
    }
}

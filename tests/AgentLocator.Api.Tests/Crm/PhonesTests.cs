using AgentLocator.Grains.Customers;

namespace AgentLocator.Api.Tests.Crm;

public sealed class PhonesTests
{
    [Theory]
    [InlineData("054-123 4567")]
    [InlineData("+972541234567")]
    [InlineData("0541234567")]
    [InlineData("541234567")]
    [InlineData("(054) 123-4567")]
    [InlineData("+972 54-123-4567")]
    public void Every_way_a_person_types_an_israeli_mobile_is_the_same_number(string typed)
    {
        Assert.True(Phones.TryNormalize(typed, out var phone));
        Assert.Equal("+972541234567", phone.E164);
        Assert.Equal("541234567", phone.SearchDigits);
        Assert.Equal("054-123-4567", phone.Display);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("not a phone")]
    [InlineData("")]
    [InlineData("054-123")]
    public void Garbage_is_not_a_phone(string typed) => Assert.False(Phones.TryNormalize(typed, out _));

    [Fact]
    public void Foreign_numbers_keep_their_country_code_in_the_search_digits()
    {
        Assert.True(Phones.TryNormalize("+1 415 555 2671", out var phone));
        Assert.Equal("+14155552671", phone.E164);
        Assert.Equal("14155552671", phone.SearchDigits);
    }

    [Theory]
    [InlineData("054-123 4567", "541234567")]
    [InlineData("+972541234567", "541234567")]
    [InlineData("0541234567", "541234567")]
    [InlineData("1234", "1234")]
    [InlineData("00018", "00018")]
    [InlineData("0541", "541")]
    [InlineData("054", null)]
    [InlineData("12", null)]
    public void Search_digits_drop_the_country_code_and_trunk_zero(string query, string? digits) =>
        Assert.Equal(digits, Phones.SearchDigits(query));

    [Theory]
    [InlineData("054-123 4567", true)]
    [InlineData("+972 54", true)]
    [InlineData("דנה", false)]
    [InlineData("dana 054", false)]
    public void Queries_that_read_as_phone_numbers(string query, bool looksLikePhone) =>
        Assert.Equal(looksLikePhone, Phones.LooksLikePhone(query));
}

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

public sealed class PhoneDisplayTests
{
    [Theory]
    [InlineData("+972541234567")]
    [InlineData("+972521112233")]
    [InlineData("+972587654321")]
    [InlineData("+972733456789")]
    [InlineData("+97236400000")]
    [InlineData("+97229876543")]
    [InlineData("+97248123456")]
    [InlineData("+97298765432")]
    [InlineData("+14155552671")]
    public void The_fast_israeli_path_formats_exactly_as_libphonenumber_does(string e164)
    {
        Assert.True(Phones.TryNormalize(e164, out var parsed));

        Assert.Equal(parsed.Display, Phones.Display(e164));
    }

    [Fact]
    public void Unparseable_stored_values_are_shown_as_they_are() => Assert.Equal("+97212", Phones.Display("+97212"));
}

using System.Globalization;
using Coordination.Workflows.Concerns;

namespace Coordination.Workflows.Tests.Concerns;

public sealed class PersonalIdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("19811218-9876")]
    [InlineData("198112189876")]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData(" 19811218-9876 ")]
    public void A_valid_personnummer_is_read_in_every_common_form(string text)
    {
        Assert.True(PersonalIdentityNumber.TryParse(text, Today, out var number, out var error), error);

        Assert.Equal(new DateOnly(1981, 12, 18), number.BirthDate);
        Assert.False(number.IsCoordinationNumber);
        Assert.Equal("19811218-9876", number.ToString());
    }

    [Fact]
    public void The_same_person_written_two_ways_is_the_same_number()
    {
        Assert.Equal(PersonalIdentityNumber.Parse("811218-9876", Today), PersonalIdentityNumber.Parse("198112189876", Today));
    }

    [Theory]
    [InlineData("121212-1212", "2012-12-12")]
    [InlineData("121212+1212", "1912-12-12")]
    [InlineData("260101-1238", "2026-01-01")]
    [InlineData("270101-1237", "1927-01-01")]
    [InlineData("260601+1233", "1926-06-01")]
    [InlineData("000229-1235", "2000-02-29")]
    public void The_century_of_a_ten_digit_number_follows_the_sign_and_the_reference_year(string text, string birthDate)
    {
        var number = PersonalIdentityNumber.Parse(text, Today);

        Assert.Equal(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), number.BirthDate);
    }

    [Fact]
    public void The_century_is_decided_by_the_reference_date_not_the_clock()
    {
        var in1990 = PersonalIdentityNumber.Parse("121212-1212", new DateOnly(1990, 1, 1));

        Assert.Equal(new DateOnly(1912, 12, 12), in1990.BirthDate);
    }

    [Fact]
    public void A_samordningsnummer_has_the_birth_day_plus_sixty()
    {
        var number = PersonalIdentityNumber.Parse("19701063-2391", Today);

        Assert.True(number.IsCoordinationNumber);
        Assert.Equal(new DateOnly(1970, 10, 3), number.BirthDate);
        Assert.Equal("19701063-2391", number.ToString());
        Assert.Equal("19701063-****", number.Masked);
    }

    [Fact]
    public void The_masked_form_hides_the_last_four_digits()
    {
        Assert.Equal("19811218-****", PersonalIdentityNumber.Parse("811218-9876", Today).Masked);
    }

    [Theory]
    [InlineData("19810230-1234")]
    [InlineData("19000229-1235")]
    [InlineData("19701332-1232")]
    [InlineData("19700292-1232")]
    public void A_number_whose_date_does_not_exist_is_refused(string text)
    {
        Assert.False(PersonalIdentityNumber.TryParse(text, Today, out var number, out var error));

        Assert.Null(number);
        Assert.Contains("date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_after_the_reference_date_is_refused()
    {
        Assert.False(PersonalIdentityNumber.TryParse("261231-1239", Today, out _, out var error));

        Assert.Contains("after the reference date", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19811218-9875")]
    [InlineData("811218-9877")]
    [InlineData("19701063-2392")]
    public void A_number_with_the_wrong_check_digit_is_refused(string text)
    {
        Assert.False(PersonalIdentityNumber.TryParse(text, Today, out _, out var error));

        Assert.Contains("check digit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1981-12-18")]
    [InlineData("19811218-98766")]
    [InlineData("19811218 9876")]
    [InlineData("19121212+1212")]
    [InlineData("811218_9876")]
    [InlineData("8112-189876")]
    [InlineData("８１１２１８-９８７６")]
    public void Text_that_is_not_written_as_a_personnummer_is_refused_as_a_format_error(string text)
    {
        Assert.False(PersonalIdentityNumber.TryParse(text, Today, out _, out var error));

        Assert.Contains("is written", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_is_refused_saying_nothing_was_given(string? text)
    {
        Assert.False(PersonalIdentityNumber.TryParse(text, Today, out _, out var error));

        Assert.Equal("No personnummer was given.", error);
    }

    [Fact]
    public void Errors_do_not_repeat_the_number()
    {
        PersonalIdentityNumber.TryParse("19811218-9875", Today, out _, out var error);

        Assert.DoesNotContain("811218", error, StringComparison.Ordinal);
        Assert.DoesNotContain("9875", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_an_invalid_number_throws_a_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => PersonalIdentityNumber.Parse("19811218-9875", Today));

        Assert.Contains("check digit", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-17", 44)]
    [InlineData("2026-12-18", 45)]
    [InlineData("1981-12-18", 0)]
    public void Age_counts_completed_years(string on, int expected)
    {
        var number = PersonalIdentityNumber.Parse("19811218-9876", Today);

        Assert.Equal(expected, number.AgeOn(DateOnly.Parse(on, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Someone_born_on_a_leap_day_turns_a_year_older_on_the_first_of_march()
    {
        var number = PersonalIdentityNumber.Parse("20000229-1235", Today);

        Assert.Equal(25, number.AgeOn(new DateOnly(2026, 2, 28)));
        Assert.Equal(26, number.AgeOn(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void A_person_written_with_a_plus_is_a_hundred_or_older_in_the_reference_year()
    {
        var number = PersonalIdentityNumber.Parse("260601+1233", Today);

        Assert.Equal(100, number.AgeOn(Today));
    }
}

using Coordination.Workflows.Inspections;

namespace Coordination.Workflows.Tests.Inspections;

public sealed class OrganisationNumberTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("556016-0680")]
    [InlineData("5560160680")]
    [InlineData("16556016-0680")]
    [InlineData("165560160680")]
    [InlineData(" 556016-0680 ")]
    public void A_legal_entitys_number_is_read_with_or_without_dash_and_prefix(string text)
    {
        Assert.True(OrganisationNumber.TryParse(text, Today, out var number, out var error), error);

        Assert.False(number.IsPersonalIdentityNumber);
        Assert.Equal("556016-0680", number.ToString());
    }

    [Fact]
    public void The_same_organisation_written_two_ways_is_the_same_number()
    {
        Assert.Equal(OrganisationNumber.Parse("5560160680", Today), OrganisationNumber.Parse("16556016-0680", Today));
    }

    [Theory]
    [InlineData("556016-0681")]
    [InlineData("16556016-0689")]
    public void A_number_with_the_wrong_check_digit_is_refused(string text)
    {
        Assert.False(OrganisationNumber.TryParse(text, Today, out var number, out var error));

        Assert.Null(number);
        Assert.Contains("check digit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_digit_below_two_that_is_not_a_personnummer_either_is_refused_with_both_reasons()
    {
        Assert.False(OrganisationNumber.TryParse("551316-1231", Today, out _, out var error));

        Assert.Contains("third digit", error, StringComparison.Ordinal);
        Assert.Contains("not a valid personnummer", error, StringComparison.Ordinal);
        Assert.Contains("date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_digit_below_two_after_the_prefix_is_refused()
    {
        Assert.False(OrganisationNumber.TryParse("16811218-9876", Today, out _, out var error));

        Assert.Contains("third digit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData("19811218-9876")]
    [InlineData("198112189876")]
    public void A_sole_traders_personnummer_is_accepted_and_marked_as_one(string text)
    {
        Assert.True(OrganisationNumber.TryParse(text, Today, out var number, out var error), error);

        Assert.True(number.IsPersonalIdentityNumber);
        Assert.Equal("811218-9876", number.ToString());
    }

    [Fact]
    public void A_sole_traders_personnummer_with_the_wrong_check_digit_is_refused()
    {
        Assert.False(OrganisationNumber.TryParse("19811218-9875", Today, out _, out var error));

        Assert.Contains("check digit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("556016-06800")]
    [InlineData("55-60160680")]
    [InlineData("556016--0680")]
    [InlineData("176556016-0680")]
    [InlineData("556016 0680")]
    public void Text_that_is_not_written_as_an_organisation_number_is_refused_as_a_format_error(string text)
    {
        Assert.False(OrganisationNumber.TryParse(text, Today, out _, out var error));

        Assert.Contains("is written", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_is_refused_saying_nothing_was_given(string? text)
    {
        Assert.False(OrganisationNumber.TryParse(text, Today, out _, out var error));

        Assert.Equal("No organisationsnummer was given.", error);
    }

    [Fact]
    public void Parsing_an_invalid_number_throws_a_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => OrganisationNumber.Parse("556016-0681", Today));

        Assert.Contains("check digit", exception.Message, StringComparison.Ordinal);
    }
}

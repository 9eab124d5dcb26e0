using System.Diagnostics.CodeAnalysis;
using Coordination.Workflows.Concerns;

namespace Coordination.Workflows.Inspections;

/// <summary>
/// A Swedish organisationsnummer, identifying the licensee (tillståndshavare) of a venue so
/// that its inspections and sanctions can be followed over the years. A sole trader
/// (enskild näringsidkare) has no number of its own and uses the owner's personnummer,
/// which is accepted too and marked by <see cref="IsPersonalIdentityNumber"/>.
/// </summary>
public sealed record OrganisationNumber
{
    private const string FormatError =
        "An organisationsnummer is written NNNNNN-NNNN or NNNNNNNNNN, optionally with the prefix 16; " +
        "a sole trader's is a personnummer.";

    private const string ThirdDigitError =
        "The third digit of a legal entity's organisationsnummer is 2 or higher";

    private readonly string tenDigits;

    private OrganisationNumber(string tenDigits, bool isPersonalIdentityNumber)
    {
        this.tenDigits = tenDigits;
        IsPersonalIdentityNumber = isPersonalIdentityNumber;
    }

    /// <summary>True when the number is a sole trader's personnummer rather than a legal entity's number.</summary>
    public bool IsPersonalIdentityNumber { get; }

    /// <summary>
    /// Reads an organisationsnummer: ten digits with the third digit 2 or higher (legal
    /// entities), optionally prefixed by 16, and a correct Luhn check digit; or a valid
    /// personnummer, whose century in ten-digit form is decided against
    /// <paramref name="referenceDate"/> as in <see cref="PersonalIdentityNumber.TryParse"/>.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        DateOnly referenceDate,
        [NotNullWhen(true)] out OrganisationNumber? number,
        [NotNullWhen(false)] out string? error)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "No organisationsnummer was given.";
            return false;
        }

        var trimmed = text.Trim();
        if (IsTwelveDigitPersonnummerShape(trimmed) || trimmed.Contains('+', StringComparison.Ordinal))
        {
            return TryParseSoleTrader(trimmed, referenceDate, legalEntityError: null, out number, out error);
        }

        if (!TryReadTenDigits(trimmed, out var ten, out var hasPrefix))
        {
            error = FormatError;
            return false;
        }

        if (ten[2] < '2')
        {
            if (hasPrefix)
            {
                error = ThirdDigitError + ".";
                return false;
            }

            return TryParseSoleTrader(trimmed, referenceDate, ThirdDigitError, out number, out error);
        }

        if (ten[9] - '0' != PersonalIdentityNumber.CheckDigit(ten.AsSpan(0, 9)))
        {
            error = "The check digit (the last digit) does not match the other digits; the number is mistyped.";
            return false;
        }

        number = new OrganisationNumber(ten, isPersonalIdentityNumber: false);
        error = null;
        return true;
    }

    /// <summary>Reads a number that is known to be valid; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid organisationsnummer.</exception>
    public static OrganisationNumber Parse(string text, DateOnly referenceDate) =>
        TryParse(text, referenceDate, out var number, out var error) ? number : throw new FormatException(error);

    /// <summary>The canonical ten-digit form <c>NNNNNN-NNNN</c>, as the registers show it.</summary>
    public override string ToString() => $"{tenDigits[..6]}-{tenDigits[6..]}";

    // A personnummer with its century (19 or 20) can be told apart from "16" + ten digits.
    private static bool IsTwelveDigitPersonnummerShape(string text) =>
        (text.StartsWith("19", StringComparison.Ordinal) || text.StartsWith("20", StringComparison.Ordinal))
        && text.Replace("-", string.Empty, StringComparison.Ordinal).Length == 12;

    // NNNNNNNNNN or NNNNNN-NNNN, each optionally prefixed by 16.
    private static bool TryReadTenDigits(string text, out string tenDigits, out bool hasPrefix)
    {
        hasPrefix = text.Length is 12 or 13 && text.StartsWith("16", StringComparison.Ordinal);
        var rest = hasPrefix ? text[2..] : text;
        var digits = rest.Length == 11 && rest[6] == '-' ? string.Concat(rest.AsSpan(0, 6), rest.AsSpan(7)) : rest;
        tenDigits = digits;
        return digits.Length == 10 && digits.All(char.IsAsciiDigit);
    }

    // A number that cannot be a legal entity's may still be a sole trader's personnummer;
    // when it is not, the legal-entity reason (if any) is given first, the personnummer one after.
    private static bool TryParseSoleTrader(
        string text,
        DateOnly referenceDate,
        string? legalEntityError,
        [NotNullWhen(true)] out OrganisationNumber? number,
        [NotNullWhen(false)] out string? error)
    {
        if (PersonalIdentityNumber.TryParse(text, referenceDate, out var personalNumber, out var personalError))
        {
            var canonical = personalNumber.ToString();
            number = new OrganisationNumber(string.Concat(canonical.AsSpan(2, 6), canonical.AsSpan(9)), isPersonalIdentityNumber: true);
            error = null;
            return true;
        }

        number = null;
        error = legalEntityError is null
            ? personalError
            : $"{legalEntityError}, and the number is not a valid personnummer either ({personalError})";
        return false;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Coordination.Workflows.Concerns;

/// <summary>
/// A Swedish personnummer, or a samordningsnummer (coordination number: birth day plus 60)
/// for people not registered in Sweden, identifying the young person a concern is about.
/// Only numbers with a real birth date and a correct check digit are accepted, so a typo is
/// caught when the concern is raised rather than when agencies try to match the person.
/// </summary>
public sealed record PersonalIdentityNumber
{
    private const int CoordinationDayOffset = 60;

    private const string FormatError =
        "A personnummer is written YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN or YYMMDD+NNNN " +
        "(+ for a person who is 100 or older this year).";

    private readonly string lastFour;

    private PersonalIdentityNumber(DateOnly birthDate, bool isCoordinationNumber, string lastFour)
    {
        BirthDate = birthDate;
        IsCoordinationNumber = isCoordinationNumber;
        this.lastFour = lastFour;
    }

    public DateOnly BirthDate { get; }

    /// <summary>True for a samordningsnummer, whose day is written as the birth day plus 60.</summary>
    public bool IsCoordinationNumber { get; }

    /// <summary>The number with its last four digits hidden (<c>YYYYMMDD-****</c>), for logs.</summary>
    public string Masked => $"{DatePart()}-****";

    /// <summary>
    /// Reads a personnummer or samordningsnummer. In the ten-digit forms the century is the one
    /// that makes the person younger than 100 in the year of <paramref name="referenceDate"/>,
    /// or, after a <c>+</c>, 100 or older; a birth date after the reference date is refused.
    /// The error says what was wrong without repeating the number.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        DateOnly referenceDate,
        [NotNullWhen(true)] out PersonalIdentityNumber? number,
        [NotNullWhen(false)] out string? error)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "No personnummer was given.";
            return false;
        }

        var trimmed = text.Trim();
        if (!TrySplit(trimmed, out var centuryDigits, out var tenDigits, out var separator))
        {
            error = FormatError;
            return false;
        }

        var yearInCentury = Number(tenDigits, 0, 2);
        var month = Number(tenDigits, 2, 2);
        var writtenDay = Number(tenDigits, 4, 2);
        var isCoordinationNumber = writtenDay > CoordinationDayOffset;
        var day = isCoordinationNumber ? writtenDay - CoordinationDayOffset : writtenDay;

        var year = centuryDigits is null
            ? CenturyFromReference(yearInCentury, referenceDate, hundredOrOlder: separator == '+')
            : (Number(centuryDigits, 0, 2) * 100) + yearInCentury;

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = isCoordinationNumber
                ? "The date part is not a valid date (in a samordningsnummer the day is the birth day plus 60)."
                : "The date part is not a valid date.";
            return false;
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > referenceDate)
        {
            error = "The birth date in the number is after the reference date.";
            return false;
        }

        if (tenDigits[9] - '0' != CheckDigit(tenDigits.AsSpan(0, 9)))
        {
            error = "The check digit (the last digit) does not match the other digits; the number is mistyped.";
            return false;
        }

        number = new PersonalIdentityNumber(birthDate, isCoordinationNumber, tenDigits[6..]);
        error = null;
        return true;
    }

    /// <summary>Reads a number that is known to be valid; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid personnummer or samordningsnummer.</exception>
    public static PersonalIdentityNumber Parse(string text, DateOnly referenceDate) =>
        TryParse(text, referenceDate, out var number, out var error) ? number : throw new FormatException(error);

    /// <summary>Age in completed years on <paramref name="date"/>; born 29 February, one turns a year older on 1 March in other years.</summary>
    public int AgeOn(DateOnly date)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(date, BirthDate);
        var age = date.Year - BirthDate.Year;
        var birthdayNotYetReached = date.Month < BirthDate.Month
            || (date.Month == BirthDate.Month && date.Day < BirthDate.Day);
        return birthdayNotYetReached ? age - 1 : age;
    }

    /// <summary>The canonical form <c>YYYYMMDD-NNNN</c>, with the day plus 60 for a samordningsnummer.</summary>
    public override string ToString() => $"{DatePart()}-{lastFour}";

    /// <summary>The Luhn check digit of nine digits, as used by personnummer and organisationsnummer.</summary>
    internal static int CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var product = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += (product / 10) + (product % 10);
        }

        return (10 - (sum % 10)) % 10;
    }

    private string DatePart()
    {
        var day = IsCoordinationNumber ? BirthDate.Day + CoordinationDayOffset : BirthDate.Day;
        return string.Create(CultureInfo.InvariantCulture, $"{BirthDate.Year:D4}{BirthDate.Month:D2}{day:D2}");
    }

    // Splits into the century digits (null in ten-digit forms), the ten digits that carry the
    // check digit, and the separator ('-' when none was written).
    private static bool TrySplit(string text, out string? centuryDigits, out string tenDigits, out char separator)
    {
        centuryDigits = null;
        tenDigits = string.Empty;
        separator = '-';
        string digits;
        switch (text.Length)
        {
            case 13 when text[8] == '-':
                digits = string.Concat(text.AsSpan(0, 8), text.AsSpan(9));
                break;
            case 11 when text[6] is '-' or '+':
                separator = text[6];
                digits = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
                break;
            case 12 or 10:
                digits = text;
                break;
            default:
                return false;
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (digits.Length == 12)
        {
            centuryDigits = digits[..2];
            digits = digits[2..];
        }

        tenDigits = digits;
        return true;
    }

    // Skatteverket writes '+' from the start of the year a person turns 100, so the century
    // depends on the reference year only, not on the day.
    private static int CenturyFromReference(int yearInCentury, DateOnly referenceDate, bool hundredOrOlder)
    {
        var youngerThanHundred = referenceDate.Year - ((referenceDate.Year - yearInCentury + 100) % 100);
        return hundredOrOlder ? youngerThanHundred - 100 : youngerThanHundred;
    }

    private static int Number(string digits, int start, int length) =>
        int.Parse(digits.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}

namespace Coordination.Workflows.Calendar;

/// <summary>
/// One day on which Swedish public offices are closed, named in both languages so that
/// a deadline shown to a user can say why it moved.
/// </summary>
/// <param name="Date">The calendar date in Sweden.</param>
/// <param name="SwedishName">The name used in Sweden, e.g. <c>Midsommarafton</c>.</param>
/// <param name="EnglishName">The English name, e.g. <c>Midsummer Eve</c>.</param>
/// <param name="IsPublicHoliday">
/// True for an allmän helgdag by law (lag 1989:253); false for Midsummer Eve, Christmas Eve
/// and New Year's Eve, which are only treated as holidays by public offices.
/// </param>
public sealed record Holiday(DateOnly Date, string SwedishName, string EnglishName, bool IsPublicHoliday);

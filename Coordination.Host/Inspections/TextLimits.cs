namespace Coordination.Host.Inspections;

/// <summary>
/// The longest text each free-text input of the Inspections API may be: the length of the column
/// it is stored in (the <c>…Map.cs</c> files beside the entities in Coordination.Workflows), so
/// PostgreSQL never refuses it with a 500; shorter where the text is also copied into a line of
/// the venue's history (2,000 characters) together with words of its own.
/// </summary>
internal static class TextLimits
{
    public const int VenueName = 200;
    public const int LicenseeName = 200;
    public const int Address = 200;
    public const int PostalTown = 100;

    /// <summary>One name of a list stored one a line (responsible persons, participants present).</summary>
    public const int PersonName = 200;

    /// <summary>A whole list of names, one a line: the list's column.</summary>
    public const int NameList = 2000;

    /// <summary>A checklist note (column 2,000), copied after the item's text into the remark's history line.</summary>
    public const int ChecklistNote = 1800;

    /// <summary>The reason of a participation answer: the task's note.</summary>
    public const int ParticipationReason = 2000;

    public const int KommuniceringText = 4000;

    /// <summary>
    /// The licensee's reply (column 4,000): copied into a history line of at most 200 characters of
    /// its own words when a harsher proposal replaces the first, or when it is entered after that.
    /// </summary>
    public const int Reply = 1800;

    public const int Justification = 4000;

    /// <summary>An appeal's text, kept only in the venue's history line that records it.</summary>
    public const int AppealText = 1900;

    /// <summary>What a follow-up of a venue under supervision reviewed: kept in the follow-up's history line and on its tasks.</summary>
    public const int FollowUpNote = 1000;

    /// <summary>A line of a venue's history: its column.</summary>
    public const int HistoryText = 2000;
}

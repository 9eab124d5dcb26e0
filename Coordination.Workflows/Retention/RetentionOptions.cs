namespace Coordination.Workflows.Retention;

/// <summary>
/// Retention periods (gallring) per record type, counted from the day a case ended; the
/// <c>Retention</c> section of the settings. Municipalities decide these in their document
/// management plans, so none is a constant in code.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// A closed concern with its chronology, sharing bases, tasks, plan, reviews and journal. Also
    /// a concern whose registration failed for good, which can never close: counted from when it
    /// was last touched (raised, written in its chronology, its registration failed or retried).
    /// </summary>
    public TimeSpan ClosedConcerns { get; set; } = TimeSpan.FromDays(2 * 365);

    /// <summary>
    /// A closed supervision case of a venue with its deliberations, tasks and journal; the
    /// decided sanction stays in the venue's history.
    /// </summary>
    public TimeSpan ClosedSupervisionCases { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>When the sweep runs, as a Quartz cron expression (default 02:30 every night, server time).</summary>
    public string Schedule { get; set; } = "0 30 2 * * ?";

    /// <summary>At most this many cases are erased per sweep, each in its own transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

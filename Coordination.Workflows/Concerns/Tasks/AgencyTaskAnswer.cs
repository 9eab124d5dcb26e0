namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// The one answer a task gets: written with the answer's message, its key makes a second
/// answer fail in the database even when two arrive at the same moment.
/// </summary>
public sealed class AgencyTaskAnswer
{
    public Guid TaskId { get; set; }

    public bool Accepted { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}

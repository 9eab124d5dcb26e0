namespace Coordination.Workflows.Escalation;

/// <summary>
/// Overdue work was escalated to an agency's managers, and nobody would see it: the agency has
/// no manager, or the municipality has no such agency. Its message says what is overdue, for
/// which agency, and what an administrator does before retrying the incident.
/// </summary>
public sealed class NoManagerToEscalateToException : Exception
{
    public NoManagerToEscalateToException()
    {
    }

    public NoManagerToEscalateToException(string message)
        : base(message)
    {
    }

    public NoManagerToEscalateToException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary><paramref name="overdue"/> went to the managers of <paramref name="agency"/>, which has none.</summary>
    public static NoManagerToEscalateToException NoManager(string overdue, string agency) =>
        new($"{overdue} is overdue and was escalated to the managers of {agency}, which has none: nobody sees it in an overdue list. "
            + "Give a member of the agency the manager role (Admin/Users), then retry this incident.");

    /// <summary><paramref name="overdue"/> went to the managers of an agency <paramref name="municipality"/> does not have in the service.</summary>
    public static NoManagerToEscalateToException NoAgency(string overdue, string agencyKind, string municipality) =>
        new($"{overdue} is overdue and was escalated to the managers of the {agencyKind} of {municipality}, which has no such agency in the service: nobody sees it in an overdue list. "
            + "Have the agency added to the municipality and give a member of the agency the manager role (Admin/Users), then retry this incident.");
}

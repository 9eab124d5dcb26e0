using System.Globalization;
using System.Text.RegularExpressions;
using Coordination.Workflows;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// An auditor's search: who (by user id, or by the name the entry gives its actor, which is the
/// e-mail address, also of a failed sign-in to an address that is nobody's account), which
/// record, which action, which period; each field optional.
/// </summary>
internal sealed partial record AuditQuery(
    Guid? ActorUserId, string? SubjectType, string? SubjectId, AuditAction? Action, DateTimeOffset? From, DateTimeOffset? To, int Limit, string? ActorName = null)
{
    public const int MaxActorNameLength = 256;

    public const int MaxLimit = 1000;

    /// <summary>Reads the query string; the errors name the parameter that was wrong.</summary>
    public static (AuditQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? actor = null;
        if (One(query, "actor", errors) is { } a)
        {
            if (Guid.TryParse(a, out var id))
            {
                actor = id;
            }
            else
            {
                errors["actor"] = ["The actor is a user id."];
            }
        }

        // One action by its name: "PersonalDataRead,Disclosure" would otherwise be read as the
        // flags 1|2, a third action.
        AuditAction? action = null;
        if (One(query, "action", errors) is { } act)
        {
            action = EnumNames.Find<AuditAction>(act);
            if (action is null)
            {
                errors["action"] = [$"'{Cut(act)}' is not one action; search for one of: {string.Join(", ", Enum.GetNames<AuditAction>())}."];
            }
        }

        var from = Instant(query, "from", errors);
        var to = Instant(query, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["The period ends before it starts."];
        }

        var limit = 200;
        if (One(query, "limit", errors) is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        var subjectType = Text(query, "subjectType", 60, errors);
        var subjectId = Text(query, "subjectId", 100, errors);
        var actorName = Text(query, "actorName", MaxActorNameLength, errors)?.Trim();
        return errors.Count > 0
            ? (null, errors)
            : (new AuditQuery(actor, subjectType, subjectId, action, from, to, limit, string.IsNullOrEmpty(actorName) ? null : actorName), errors);
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (One(query, name, errors) is not { } value)
        {
            return null;
        }

        // ISO 8601 only: the invariant culture would also read 04/12/2026, as 12 April.
        if (IsoDate().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        errors[name] = ["An instant is written as ISO 8601, e.g. 2026-11-23T08:00:00Z or 2026-11-23."];
        return null;
    }

    private static string? Text(IQueryCollection query, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        var value = One(query, name, errors) ?? "";
        if (value.Length > maxLength)
        {
            errors[name] = [$"At most {maxLength} characters."];
            return null;
        }

        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// The parameter's one value, or null when it is not given. Given twice, it is an error
    /// rather than the two values joined with a comma, which no filter would match.
    /// </summary>
    private static string? One(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors[name] = [$"Give {name} once; a search has one value for each filter."];
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T|$)")]
    private static partial Regex IsoDate();
}
